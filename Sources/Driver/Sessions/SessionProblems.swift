import IMAPClient

/// What went wrong while opening sessions, counted by cause, so that the console says each
/// cause once, with what a person can act on (an address, a user name, the server's words).
public struct SessionProblems: Sendable, Equatable {
    /// A refused login: the first user refused with this answer, and how often it came.
    public struct LoginFailure: Sendable, Equatable {
        public var firstUser: String
        public var count: Int
    }

    /// Why connections failed (a sentence naming the address) -> how often.
    public var connectFailures: [String: Int] = [:]
    /// The server's answer to a refused login ("NO [AUTHENTICATIONFAILED] Authentication failed.").
    public var loginFailures: [String: LoginFailure] = [:]
    /// A capability the profile's setup needs but the server does not advertise (ENABLE, ID) ->
    /// how many sessions left that setup command out.
    public var missingCapabilities: [String: Int] = [:]

    public init() {}

    public var isEmpty: Bool { connectFailures.isEmpty && loginFailures.isEmpty && missingCapabilities.isEmpty }

    /// A tagged answer as the server wrote it, for a person: `NO [AUTHENTICATIONFAILED] Authentication failed.`
    static func answer(_ record: CommandRecord) -> String {
        var code = ""
        switch record.code {
        case .other(let name, let text)?: code = " [\(name)\(text.map { " \($0)" } ?? "")]"
        case .alert?: code = " [ALERT]"
        default: break
        }
        return "\(record.outcome.rawValue.uppercased())\(code) \(record.text)"
    }

    mutating func noteLoginFailure(user: String, answer: String) {
        loginFailures[answer, default: LoginFailure(firstUser: user, count: 0)].count += 1
    }

    public mutating func merge(_ other: SessionProblems) {
        connectFailures.merge(other.connectFailures, uniquingKeysWith: +)
        missingCapabilities.merge(other.missingCapabilities, uniquingKeysWith: +)
        for (answer, failure) in other.loginFailures {
            if let known = loginFailures[answer] {
                loginFailures[answer]?.count = known.count + failure.count
            } else {
                loginFailures[answer] = failure
            }
        }
    }

    /// One line per cause, most frequent first, at most `limit` of each kind.
    public func lines(limit: Int = 3) -> [String] {
        var lines = connectFailures.sorted { $0.value > $1.value }.prefix(limit).map { reason, count in
            "connections failed \(count) times: \(reason)"
        }
        lines += loginFailures.sorted { $0.value.count > $1.value.count }.prefix(limit).map { answer, failure in
            "login refused \(failure.count) times (first for \(failure.firstUser)): \(answer)"
        }
        lines += missingCapabilities.sorted { $0.key < $1.key }.map { capability, sessions in
            "the server does not advertise \(capability): \(capability) was not sent "
                + "(skipped in \(sessions) session\(sessions == 1 ? "" : "s"), counted as skipped operations)"
        }
        return lines
    }
}
