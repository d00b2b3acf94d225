import Foundation

/// The one writer of a result directory (run, report, merge, compare, probes, shard results):
/// every file goes into a hidden sibling first, and `commit` moves them into place together, so
/// a reader (a CI step, a plot script, a person) never sees half a result, and an interrupted or
/// failed write leaves the earlier result as it was. Where files may go, and which existing files
/// survive, is `ResultDirectory`'s rule.
public struct StagedDirectory {
    /// Where the files end up.
    public let finalURL: URL
    /// Where they are written until `commit`; helpers that write several files themselves (the
    /// plot renderers) write under it.
    public let stagingURL: URL
    private let place: ResultDirectory

    /// Checks `directory` against `place` (nothing is written when it is refused) and opens the
    /// hidden sibling, creating the parent folders as needed.
    public init(_ directory: URL, place: ResultDirectory) throws {
        finalURL = directory
        self.place = place
        try place.check(directory)
        try FileManager.default.createDirectory(
            at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        stagingURL = try place.makeStaging(for: directory)
    }

    /// The staged path of `name` (a file or a folder such as `plots`).
    public func url(_ name: String) -> URL { stagingURL.appendingPathComponent(name) }

    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    public func write(_ data: Data, to name: String) throws {
        try data.write(to: url(name))
    }

    /// Moves the staged files into place (`ResultDirectory.install`); the staging folder is gone
    /// afterwards, whether or not it succeeded.
    @discardableResult
    public func commit() throws -> URL {
        do {
            try place.install(stagingURL, at: finalURL)
        } catch {
            abandon()
            throw error
        }
        return finalURL
    }

    /// Drops everything staged; the final directory is untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: stagingURL)
    }

    /// Runs `body` on a new staging directory and commits it; on any error nothing is installed.
    public static func writing<T>(
        _ directory: URL, place: ResultDirectory, _ body: (StagedDirectory) throws -> T
    ) throws -> T {
        let staged = try StagedDirectory(directory, place: place)
        let value: T
        do {
            value = try body(staged)
        } catch {
            staged.abandon()
            throw error
        }
        try staged.commit()
        return value
    }
}
