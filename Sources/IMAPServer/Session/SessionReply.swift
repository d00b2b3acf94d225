/// What a session answers to one command, besides the untagged data it wrote: the tagged
/// line (absent while a command is still running, as in IDLE) and what the connection must do.
struct SessionReply {
    enum Effect {
        case none
        /// Close after writing (LOGOUT).
        case close
        /// Start TLS after writing the OK (STARTTLS).
        case startTLS
        /// A continuation was written; the next line belongs to this command (IDLE, AUTHENTICATE).
        case awaitingContinuation
        /// Authentication succeeded (for faults that act on login).
        case loggedIn
    }

    var tagged: String?
    var effect: Effect = .none

    static func ok(_ tag: String, _ text: String, code: String? = nil) -> SessionReply {
        SessionReply(tagged: "\(tag) OK \(code.map { "[\($0)] " } ?? "")\(text)")
    }

    static func no(_ tag: String, _ text: String, code: String? = nil) -> SessionReply {
        SessionReply(tagged: "\(tag) NO \(code.map { "[\($0)] " } ?? "")\(text)")
    }

    static func bad(_ tag: String, _ text: String) -> SessionReply {
        SessionReply(tagged: "\(tag) BAD \(text)")
    }
}
