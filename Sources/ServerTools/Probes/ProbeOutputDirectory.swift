import Foundation
import Measurement

/// Writes a probe's files into a Results/ directory atomically (`StagedDirectory`): everything goes
/// into a hidden temporary sibling first and is moved into place at the end, so a reader never sees half a run,
/// and a directory that is not an earlier result is refused unless forced (`ResultDirectory`).
public struct ProbeOutputDirectory {
    public var finalURL: URL { staged.finalURL }
    var stagingURL: URL { staged.stagingURL }
    private let staged: StagedDirectory

    /// `Results/<UTC timestamp>-<name>` under the current directory.
    public static func defaultPath(name: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "Results/\(formatter.string(from: now))-\(name)"
    }

    /// Probes write run.json too: a directory holding one is an earlier result.
    public static func place(force: Bool) -> ResultDirectory {
        ResultDirectory(marker: "run.json", force: force)
    }

    /// Refuses, before the probe runs, a `path` whose files the probe could not write beside.
    public static func check(path: String, force: Bool) throws {
        do {
            try place(force: force).check(URL(fileURLWithPath: path))
        } catch {
            throw ProbeError.output("\(error)")
        }
    }

    public init(path: String, force: Bool = false) throws {
        try Self.check(path: path, force: force)
        do {
            staged = try StagedDirectory(URL(fileURLWithPath: path), place: Self.place(force: force))
        } catch {
            throw ProbeError.output("\(path): \(error)")
        }
    }

    public func write(_ text: String, to name: String) throws {
        do {
            try staged.write(text, to: name)
        } catch {
            throw ProbeError.output("\(name): \(error.localizedDescription)")
        }
    }

    public func writeJSON(_ value: some Encodable, to name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try write(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n", to: name)
        } catch let error as ProbeError {
            throw error
        } catch {
            throw ProbeError.output("\(name): \(error)")
        }
    }

    /// Runs gnuplot on a script already written here; returns a note for the user when it could not.
    public func renderPlot(script name: String) -> String? {
        GnuplotRunner.render(script: name, in: stagingURL)
    }

    /// Moves the finished files into place: an earlier result keeps any file the probe did not write.
    public func commit() throws -> URL {
        do {
            return try staged.commit()
        } catch {
            throw ProbeError.output("\(finalURL.path): \(error)")
        }
    }
}
