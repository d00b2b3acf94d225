import Foundation

/// One line of the start-barrier protocol: a JSON object ended by `\n`, so it can be read with
/// `nc` and written by hand when debugging a cluster.
///
/// Shard 1 is the coordinator; every other shard connects to it and speaks first:
///
///     C: {"type":"ping","t0":1767000000.100}                     (several, one at a time)
///     S: {"type":"pong","t0":1767000000.100,"t1":...,"t2":...}
///     C: {"type":"register","shard":2,"shards":3}
///     ...  (the coordinator waits until shards 2...N have registered)
///     S: {"type":"start","at":1767000002.500}
///     ...  (the connection stays open during the run)
///     C: {"type":"result","shard":2,"files":{"latency.hlog":"<base64>","run.json":"<base64>"}}
///     S: {"type":"received","shard":2}
///
/// Times are wall-clock seconds since 1970 on the sender's clock. A ping/pong exchange gives the
/// four NTP timestamps (t0 client send, t1 coordinator receive, t2 coordinator send, t3 client
/// receive) from which the shard learns its clock offset to the coordinator; `at` is on the
/// coordinator's clock. If the barrier fails (a shard never came, a bad registration) the
/// coordinator sends `{"type":"abort","reason":"..."}` and closes.
///
/// After its run every shard sends its result files on the same connection, each file's bytes
/// base64-encoded in one `result` line (so the protocol stays one JSON object per line, at the
/// price of a third more bytes than the files), and waits for `received` before it exits. A
/// connection that closes before its `result` is a shard lost during the run.
struct BarrierMessage: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable {
        case ping, pong, register, start, abort, result, received
    }

    var type: Kind
    var shard: Int?
    var shards: Int?
    var t0: Double?
    var t1: Double?
    var t2: Double?
    var at: Double?
    var reason: String?
    /// A `result`'s files by name (run.json, latency.hlog); `Data` is base64 in JSON.
    var files: [String: Data]?

    /// The longest line the coordinator takes: a `result` carries a whole run's interval log
    /// (a few MB for an hour of 1 s intervals), so it is far above the barrier's own lines.
    static let maximumResultLineLength = 1 << 30

    static func ping(t0: Double) -> BarrierMessage { BarrierMessage(type: .ping, t0: t0) }
    static func register(shard: Int, of shards: Int) -> BarrierMessage {
        BarrierMessage(type: .register, shard: shard, shards: shards)
    }
    static func start(at time: Double) -> BarrierMessage { BarrierMessage(type: .start, at: time) }
    static func abort(_ reason: String) -> BarrierMessage { BarrierMessage(type: .abort, reason: reason) }
    static func result(shard: Int, files: [String: Data]) -> BarrierMessage {
        BarrierMessage(type: .result, shard: shard, files: files)
    }
    static func received(shard: Int) -> BarrierMessage { BarrierMessage(type: .received, shard: shard) }

    /// The message as one line, newline included.
    func encodedLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // encoding a struct of numbers and strings cannot fail
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Nil for a line that is not a barrier message (the peer is then told and dropped).
    static func decode(line: String) -> BarrierMessage? {
        try? JSONDecoder().decode(BarrierMessage.self, from: Data(line.utf8))
    }
}
