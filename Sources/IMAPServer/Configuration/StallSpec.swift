import IMAPProtocol
import Foundation

/// A planned stall: at `at` after the server starts, it stops answering for `duration`.
///
/// Grammar (`StallSpec.parse`): `at:duration`, e.g. `10s:2s` (at 10 s, stall 2 s).
public struct StallSpec: Sendable, Hashable {
    public var at: Duration
    public var duration: Duration

    public init(at: Duration, duration: Duration) {
        self.at = at
        self.duration = duration
    }

    public static func parse(_ text: String) throws -> StallSpec {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw SpecError(text: text, expected: "at:duration such as 10s:2s") }
        return StallSpec(
            at: try DurationText.parse(String(parts[0])), duration: try DurationText.parse(String(parts[1])))
    }
}
