import Foundation

/// Where a command's result files go, and the one rule for an `--out` that already exists:
/// imapbench never deletes a file it did not write.
///
/// A directory that is absent or empty is taken; one that holds an earlier imapbench result (its
/// `marker`, such as `run.json`) is updated; any other directory is refused unless `force`. Files
/// are written into a hidden sibling first and moved into place, each replacing only the file of
/// the same name, so whatever else the directory holds stays.
public struct ResultDirectory: Sendable {
    /// The file whose presence marks a directory as an earlier result of this kind.
    public let marker: String
    /// Write into a directory holding foreign files (they are kept).
    public let force: Bool

    public init(marker: String, force: Bool = false) {
        self.marker = marker
        self.force = force
    }

    /// Throws when `directory` is a file, or a non-empty directory without the marker (unless
    /// `force`): called before a run, so that a refused `--out` costs no run.
    public func check(_ directory: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw ResultDirectoryError.notADirectory(path: directory.path) }
        if force || manager.fileExists(atPath: directory.appendingPathComponent(marker).path) { return }
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ResultDirectoryError.unreadable(path: directory.path, reason: error.localizedDescription)
        }
        if !entries.isEmpty {
            throw ResultDirectoryError.foreign(path: directory.path, marker: marker, entries: entries.count)
        }
    }

    /// A new hidden directory beside `directory` to write the files into before `install`.
    public func makeStaging(for directory: URL) throws -> URL {
        let target = directory.standardizedFileURL
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Moves the staged files to `directory` (checked again first), then removes the staging
    /// directory, also when it fails. An absent target is one rename; an existing one gets each
    /// staged file in turn, replacing the file of the same name and nothing else.
    public func install(_ staging: URL, at directory: URL) throws {
        let manager = FileManager.default
        defer { try? manager.removeItem(at: staging) }
        try check(directory)
        if !manager.fileExists(atPath: directory.path) {
            try manager.moveItem(at: staging, to: directory)
        } else {
            try Self.merge(staging, into: directory)
        }
    }

    /// Entry by entry: a staged directory is merged into a directory of the same name (so files a
    /// user put in `plots/` stay); a staged file replaces what had its name.
    private static func merge(_ source: URL, into target: URL) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name)
            let to = target.appendingPathComponent(name)
            var sourceIsDirectory: ObjCBool = false
            var targetIsDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: from.path, isDirectory: &sourceIsDirectory)
            let targetExists = manager.fileExists(atPath: to.path, isDirectory: &targetIsDirectory)
            if sourceIsDirectory.boolValue, targetExists, targetIsDirectory.boolValue {
                try merge(from, into: to)
                continue
            }
            if targetExists, targetIsDirectory.boolValue {
                // a directory where imapbench writes a file: not imapbench's, so it stays
                throw ResultDirectoryError.occupied(path: to.path)
            }
            // rename(2) replaces a file in one step: a reader sees the old file or the new one
            guard rename(from.path, to.path) == 0 else {
                throw ResultDirectoryError.cannotMove(path: to.path, reason: String(cString: strerror(errno)))
            }
        }
    }
}

/// Why a result directory was refused, worded for the person who named it.
public enum ResultDirectoryError: Error, CustomStringConvertible, Equatable {
    case notADirectory(path: String)
    case foreign(path: String, marker: String, entries: Int)
    case occupied(path: String)
    case unreadable(path: String, reason: String)
    case cannotMove(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADirectory(let path):
            return "\(path) is a file, not a directory"
        case .foreign(let path, let marker, let entries):
            return "\(path) already holds \(entries) file\(entries == 1 ? "" : "s") and is not an imapbench result "
                + "(no \(marker)); imapbench does not write over files it did not write: name a new or empty "
                + "directory, or add --force to write beside them (they are kept)"
        case .occupied(let path):
            return "\(path) is a directory where imapbench writes a file; it was left alone"
        case .unreadable(let path, let reason):
            return "cannot list \(path): \(reason)"
        case .cannotMove(let path, let reason):
            return "cannot put \(path) in place: \(reason)"
        }
    }
}
