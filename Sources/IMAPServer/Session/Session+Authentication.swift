import Foundation

extension Session {
    func login(tag: String, user: String, password: String) -> SessionReply {
        guard let account = store.authenticate(user: user, password: password) else {
            return .no(tag, "invalid user name or password", code: "AUTHENTICATIONFAILED")
        }
        self.account = account
        enter(.authenticated)
        return SessionReply(tagged: "\(tag) OK [CAPABILITY \(capabilityText)] LOGIN completed", effect: .loggedIn)
    }

    // authenticate = "AUTHENTICATE" SP auth-type [SP initial-response] *(CRLF base64)
    func authenticate(
        tag: String, mechanism: String, initial: String?, into writer: inout ResponseWriter
    ) -> SessionReply {
        guard mechanism == "PLAIN" else { return .no(tag, "unsupported mechanism \(mechanism)") }
        guard let initial else {
            writer.line("+ ")
            continuation = .authenticate(tag: tag)
            return SessionReply(tagged: nil, effect: .awaitingContinuation)
        }
        return finishPlain(tag: tag, response: initial)
    }

    /// The client's line after `+` of AUTHENTICATE: base64 of `authzid NUL user NUL password`, or `*` to cancel.
    func continueAuthentication(tag: String, line: String) -> SessionReply {
        continuation = nil
        if line == "*" { return .bad(tag, "AUTHENTICATE cancelled") }
        return finishPlain(tag: tag, response: line)
    }

    private func finishPlain(tag: String, response: String) -> SessionReply {
        guard let data = Data(base64Encoded: response == "=" ? "" : response) else {
            return .bad(tag, "invalid base64 in AUTHENTICATE response")
        }
        let fields = data.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard fields.count == 3 else { return .bad(tag, "PLAIN response must be authzid NUL user NUL password") }
        return login(tag: tag, user: fields[1], password: fields[2])
    }
}
