/// Turns the bytes of each client or server line into readable log lines (`C: ...`, `S: ...`).
///
/// A response can be megabytes (a body literal); only its first `limit` bytes are logged, then a count,
/// so that turning the log on never makes memory grow with the traffic.
struct ProtocolLogWriter {
    let log: @Sendable (String) -> Void
    private let limit = 2048
    private var serverBytes: [UInt8] = []
    private var serverOverflow = 0

    init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    /// Logs bytes the client wrote; `replacement` stands in for a redacted credential.
    func logClient(_ bytes: ArraySlice<UInt8>, replacement: String?) {
        if let replacement {
            log("C: \(replacement)")
            return
        }
        emit(prefix: "C: ", bytes, overflow: max(0, bytes.count - limit), limit: limit)
    }

    /// Collects server bytes of the response in progress.
    mutating func appendServer(_ bytes: UnsafeRawBufferPointer) {
        let room = max(0, limit - serverBytes.count)
        serverBytes.append(contentsOf: bytes.prefix(room))
        serverOverflow += bytes.count - min(room, bytes.count)
    }

    /// The response in progress is complete: log it.
    mutating func flushServer() {
        emit(prefix: "S: ", serverBytes[...], overflow: serverOverflow, limit: limit)
        serverBytes.removeAll(keepingCapacity: true)
        serverOverflow = 0
    }

    private func emit(prefix: String, _ bytes: ArraySlice<UInt8>, overflow: Int, limit: Int) {
        let shown = bytes.prefix(limit)
        var lines = shown.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if overflow > 0 { lines.append("... (\(overflow) more bytes)") }
        for line in lines { log(prefix + line) }
    }
}
