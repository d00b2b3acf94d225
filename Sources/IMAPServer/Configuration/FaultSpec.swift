import Foundation

/// A fault the server injects with some probability, to test how a client classifies failures.
///
/// Grammar (`FaultSpec.parse`): `kind=probability`, probability in [0, 1]:
///
///     bye=0.01                 answer with `* BYE` and close instead of the tagged response
///     disconnect=0.001         close the connection abruptly instead of answering
///     malformed=0.01           send a line that is not valid IMAP before the tagged response
///     drop=0.01                never answer the command
///     drop-after-login=1       on LOGIN/AUTHENTICATE, discard the commands pipelined behind it in the same read
///
/// Probabilities are drawn per command (per login for `drop-after-login`).
public struct FaultSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bye
        case disconnect
        case malformed
        case drop
        case dropAfterLogin = "drop-after-login"
    }

    public var kind: Kind
    public var probability: Double

    public init(kind: Kind, probability: Double) {
        self.kind = kind
        self.probability = probability
    }

    public static func parse(_ text: String) throws -> FaultSpec {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, let kind = Kind(rawValue: parts[0].lowercased()) else {
            throw SpecError(text: text, expected: "kind=probability with kind one of \(kinds), e.g. bye=0.01")
        }
        guard let probability = Double(parts[1]), (0...1).contains(probability) else {
            throw SpecError(text: text, expected: "a probability between 0 and 1, e.g. drop=0.01")
        }
        return FaultSpec(kind: kind, probability: probability)
    }
}
