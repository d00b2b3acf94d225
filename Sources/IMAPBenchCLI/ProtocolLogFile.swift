import Foundation

/// `--protocol-log FILE`: every connection's C:/S: lines (LOGIN and AUTHENTICATE payloads
/// redacted by the client) appended to one file, each prefixed with a connection number.
/// Meant for debugging a profile against a server, not for load runs: it costs a lock and a
/// write per line.
final class ProtocolLogFile: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    private var nextConnection = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ProtocolLogError(path: path)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ProtocolLogError(path: path) }
        self.handle = handle
    }

    /// A logger for one new connection.
    func logger() -> @Sendable (String) -> Void {
        let number = lock.withLock { () -> Int in
            nextConnection += 1
            return nextConnection
        }
        return { [self] line in
            let text = "[\(number)] \(line)\n"
            lock.withLock { handle.write(Data(text.utf8)) }
        }
    }

    func close() {
        lock.withLock { try? handle.close() }
    }
}

struct ProtocolLogError: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot write the protocol log to \(path)" }
}
