import Foundation

/// Writes a probe's files into a Results/ directory atomically: everything goes into a hidden
/// temporary sibling first and is renamed into place at the end, so a reader never sees half a run.
public struct ProbeOutputDirectory {
    public let finalURL: URL
    let stagingURL: URL

    /// `Results/<UTC timestamp>-<name>` under the current directory.
    public static func defaultPath(name: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "Results/\(formatter.string(from: now))-\(name)"
    }

    public init(path: String) throws {
        finalURL = URL(fileURLWithPath: path)
        let parent = finalURL.deletingLastPathComponent()
        stagingURL = parent.appendingPathComponent(".\(finalURL.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: stagingURL)
            try FileManager.default.createDirectory(at: stagingURL, withIntermediateDirectories: true)
        } catch {
            throw ProbeError.output("\(path): \(error.localizedDescription)")
        }
    }

    public func write(_ text: String, to name: String) throws {
        do {
            try Data(text.utf8).write(to: stagingURL.appendingPathComponent(name))
        } catch {
            throw ProbeError.output("\(name): \(error.localizedDescription)")
        }
    }

    public func writeJSON(_ value: some Encodable, to name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
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

    /// Moves the finished directory into place (replacing an older one of the same name).
    public func commit() throws -> URL {
        do {
            if FileManager.default.fileExists(atPath: finalURL.path) {
                try FileManager.default.removeItem(at: finalURL)
            }
            try FileManager.default.moveItem(at: stagingURL, to: finalURL)
            return finalURL
        } catch {
            throw ProbeError.output("\(finalURL.path): \(error.localizedDescription)")
        }
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
