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
///
/// Consistency faults make the server contradict itself, to prove that a client's consistency
/// checks catch each contradiction (`ConsistencyFaults` says where each one is drawn):
///
///     lose-flags=0.1           a STORE answers OK and echoes the new flags, but keeps the old ones
///     change-uid=0.1           a FETCH reports, for one sequence number, a UID other than its own
///     shrink-exists=0.1        an untagged EXISTS lower than the last one, with no EXPUNGE
///     change-uidvalidity=0.1   SELECT/EXAMINE reports a UIDVALIDITY other than the mailbox's
///     wrong-size=0.1           a FETCH reports an RFC822.SIZE one larger than the message's
///     unannounced-keyword=0.1  a FETCH FLAGS carries `$Unannounced`, which no FLAGS response named
///     miss-expunge=0.1         a session is not told of an EXPUNGE (its sequence numbers go wrong)
///     search-miss=0.1          a SEARCH answer leaves out one message that matches
///     recent-twice=0.1         a message \Recent to one session is also \Recent to the next
public struct FaultSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bye
        case disconnect
        case malformed
        case drop
        case dropAfterLogin = "drop-after-login"
        case loseFlags = "lose-flags"
        case changeUID = "change-uid"
        case shrinkExists = "shrink-exists"
        case changeUIDValidity = "change-uidvalidity"
        case wrongSize = "wrong-size"
        case unannouncedKeyword = "unannounced-keyword"
        case missExpunge = "miss-expunge"
        case searchMiss = "search-miss"
        case recentTwice = "recent-twice"

        /// True for the faults that falsify mailbox state instead of a command's answer: the
        /// session draws them where the state is reported, not once per command.
        public var isConsistencyFault: Bool {
            switch self {
            case .bye, .disconnect, .malformed, .drop, .dropAfterLogin: return false
            default: return true
            }
        }
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
