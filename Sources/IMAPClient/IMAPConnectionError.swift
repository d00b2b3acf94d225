import NIOCore

/// Monotonic timestamps of each step of opening a connection.
public struct EstablishmentTimings: Sendable {
    public var started: NIODeadline
    public var tcpConnected: NIODeadline?
    public var tlsHandshaked: NIODeadline?
    public var greetingReceived: NIODeadline?
    public var startTLSStarted: NIODeadline?
    public var startTLSCompleted: NIODeadline?

    public init(started: NIODeadline) {
        self.started = started
    }
}

/// The server's first response (RFC 3501 §7.1).
public enum Greeting: Sendable {
    case ok(String)
    /// Already authenticated: login is skipped.
    case preauth(String)
    /// The server refused the connection.
    case bye(String)
}

/// The state of the IMAP session (RFC 3501 §3).
public enum SessionState: Sendable {
    case notAuthenticated, authenticated, selected, loggedOut, closed
}

/// Why a connection could not be opened; written for a person, since the CLI prints it.
public struct IMAPConnectionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case connectFailed, connectTimeout, tlsFailed, greetingTimeout
        /// The greeting was BYE.
        case refused
        case closedBeforeGreeting, protocolError, startTLSRejected, startTLSUnavailable
    }

    public var kind: Kind
    public var detail: String
    public var timings: EstablishmentTimings

    public init(kind: Kind, detail: String, timings: EstablishmentTimings) {
        self.kind = kind
        self.detail = detail
        self.timings = timings
    }

    public var description: String {
        switch kind {
        case .connectFailed: return "could not connect: \(detail)"
        case .connectTimeout: return "connect timed out: \(detail)"
        case .tlsFailed: return "TLS handshake failed: \(detail)"
        case .greetingTimeout: return "no greeting from the server in time: \(detail)"
        case .refused: return "the server refused the connection (BYE): \(detail)"
        case .closedBeforeGreeting: return "the server closed the connection before its greeting: \(detail)"
        case .protocolError: return "the server broke the IMAP protocol while connecting: \(detail)"
        case .startTLSRejected: return "the server rejected STARTTLS: \(detail)"
        case .startTLSUnavailable: return "the server does not offer STARTTLS: \(detail)"
        }
    }
}
