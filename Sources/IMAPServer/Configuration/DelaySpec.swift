import IMAPProtocol
import Foundation

/// A delay the server waits before sending each tagged response, for one command or for all.
///
/// Grammar (`DelaySpec.parse`):
///
///     spec         = [command "="] distribution
///     command      = a command name such as FETCH, STORE, LOGIN (FETCH also covers UID FETCH), or "all"
///     distribution = duration                      constant, e.g. 5ms
///                  / "const:" duration             constant, e.g. const:5ms
///                  / "uniform:" duration "-" duration   e.g. uniform:1ms-5ms
///                  / "exp:" duration               exponential with that mean, e.g. exp:2ms
///
/// When several specs apply, one naming the command wins over `all`.
public struct DelaySpec: Sendable, Hashable {
    /// How the delay of one response is drawn.
    public enum Distribution: Sendable, Hashable {
        case constant(Duration)
        case uniform(min: Duration, max: Duration)
        case exponential(mean: Duration)
    }

    /// Upper-cased command name, or `nil` for every command.
    public var command: String?
    public var distribution: Distribution

    public init(command: String? = nil, distribution: Distribution) {
        self.command = command?.uppercased()
        self.distribution = distribution
    }

    public static func parse(_ text: String) throws -> DelaySpec {
        var command: String?
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if let equals = body.firstIndex(of: "=") {
            let name = body[..<equals].uppercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                throw SpecError(text: text, expected: "a command name before '=', e.g. FETCH=5ms")
            }
            command = name == "ALL" ? nil : name
            body = body[body.index(after: equals)...]
        }
        return DelaySpec(command: command, distribution: try parseDistribution(String(body), whole: text))
    }

    private static func parseDistribution(_ body: String, whole: String) throws -> Distribution {
        let expected = "a delay such as 5ms, const:5ms, uniform:1ms-5ms or exp:2ms"
        if body.hasPrefix("uniform:") {
            let bounds = body.dropFirst("uniform:".count).split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2 else { throw SpecError(text: whole, expected: expected) }
            let low = try DurationText.parse(String(bounds[0]))
            let high = try DurationText.parse(String(bounds[1]))
            guard low <= high else { throw SpecError(text: whole, expected: "uniform bounds with min <= max") }
            return .uniform(min: low, max: high)
        }
        if body.hasPrefix("exp:") { return .exponential(mean: try DurationText.parse(String(body.dropFirst(4)))) }
        if body.hasPrefix("const:") { return .constant(try DurationText.parse(String(body.dropFirst(6)))) }
        do {
            return .constant(try DurationText.parse(body))
        } catch {
            throw SpecError(text: whole, expected: expected)
        }
    }

    /// Draws one delay in nanoseconds using `random`, a source of doubles in [0, 1).
    func sampleNanoseconds(_ random: inout DeterministicRandom) -> Int64 {
        switch distribution {
        case .constant(let value):
            return value.nanosecondsValue
        case .uniform(let low, let high):
            let span = Double(high.nanosecondsValue - low.nanosecondsValue)
            return low.nanosecondsValue + Int64(span * random.nextUnit())
        case .exponential(let mean):
            let unit = max(random.nextUnit(), 1e-12)
            return Int64(-log(unit) * Double(mean.nanosecondsValue))
        }
    }
}

extension Array where Element == DelaySpec {
    /// The spec for `command`: one naming it, else one for all commands, else none.
    func spec(for command: String) -> DelaySpec? {
        first { $0.command == command } ?? first { $0.command == nil }
    }
}
