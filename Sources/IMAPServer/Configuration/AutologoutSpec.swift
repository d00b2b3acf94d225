import IMAPProtocol
import Foundation

/// Inactivity timers per connection state, after which the server logs the client out.
///
/// Grammar (`AutologoutSpec.parse`): comma-separated `key=value` pairs, any subset, in any order:
///
///     notauth=5s,auth=10s,selected=10s,idle=20s,mode=bye
///
/// `notauth` before login, `auth` logged in with no mailbox selected, `selected` with a mailbox
/// selected, `idle` during IDLE; `mode` is `bye` (send `* BYE` then close, the default) or `close`
/// (close silently). A state without a value has no timer.
public struct AutologoutSpec: Sendable, Hashable {
    /// What the server does when a timer fires.
    public enum Mode: String, Sendable, Hashable {
        case bye
        case silentClose = "close"
    }

    public var notAuthenticated: Duration?
    public var authenticated: Duration?
    public var selected: Duration?
    public var idle: Duration?
    public var mode: Mode

    public init(
        notAuthenticated: Duration? = nil, authenticated: Duration? = nil, selected: Duration? = nil,
        idle: Duration? = nil, mode: Mode = .bye
    ) {
        self.notAuthenticated = notAuthenticated
        self.authenticated = authenticated
        self.selected = selected
        self.idle = idle
        self.mode = mode
    }

    public static func parse(_ text: String) throws -> AutologoutSpec {
        var spec = AutologoutSpec()
        let expected = "key=value pairs such as notauth=5s,auth=10s,selected=10s,idle=20s,mode=bye"
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw SpecError(text: text, expected: expected) }
            switch parts[0].lowercased() {
            case "notauth": spec.notAuthenticated = try DurationText.parse(parts[1])
            case "auth": spec.authenticated = try DurationText.parse(parts[1])
            case "selected": spec.selected = try DurationText.parse(parts[1])
            case "idle": spec.idle = try DurationText.parse(parts[1])
            case "mode":
                guard let mode = Mode(rawValue: parts[1].lowercased()) else {
                    throw SpecError(text: text, expected: "mode=bye or mode=close")
                }
                spec.mode = mode
            default: throw SpecError(text: text, expected: expected)
            }
        }
        return spec
    }
}
