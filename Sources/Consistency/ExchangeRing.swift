import Foundation
import IMAPProtocol

/// The last lines of one session's exchange, kept as values and turned into text only when a
/// violation quotes them: a check-enabled run pays a copy per response, never a string.
struct ExchangeRing {
    enum Entry {
        case written(tag: String, command: Command)
        case untagged(UntaggedResponse)
        case tagged(tag: String, state: ResponseState)
    }

    static let capacity = 12
    private var entries: [Entry] = []
    private var next = 0

    mutating func add(_ entry: Entry) {
        if entries.count < Self.capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
            next = (next + 1) % Self.capacity
        }
    }

    /// Oldest first, C: and S: as in a protocol log, credentials redacted, long lines cut.
    var lines: [String] {
        let ordered = entries.count < Self.capacity ? entries : Array(entries[next...] + entries[..<next])
        return ordered.map(Self.text)
    }

    private static func text(_ entry: Entry) -> String {
        switch entry {
        case .written(let tag, .login(let user, _)): return "C: \(tag) LOGIN \"\(user)\" <redacted>"
        case .written(let tag, .authenticatePlain(let user, _)):
            return "C: \(tag) AUTHENTICATE PLAIN <redacted> (user \"\(user)\")"
        case .written(let tag, let command):
            let encoder = CommandEncoder()
            let bytes = encoder.encode(command, tag: tag).parts.joined()
            return "C: " + cut(String(decoding: bytes.prefix(400), as: UTF8.self))
        case .untagged(let response): return "S: * " + cut(ExchangeText.untagged(response))
        case .tagged(let tag, let state):
            return "S: \(tag) \(state.status.rawValue)" + cut(ExchangeText.condition(state))
        }
    }

    private static func cut(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\r\n", with: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
