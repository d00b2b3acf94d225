import IMAPProtocol
import NIOCore

/// Time limits for each phase; each one that expires is reported as an outcome, never as a hang.
public struct Timeouts: Sendable {
    /// TCP connect.
    public var connect: TimeAmount = .seconds(10)
    /// From TCP connected to the greeting (includes the TLS handshake when TLS is implicit).
    public var greeting: TimeAmount = .seconds(10)
    /// From a command's first byte written to its tagged response.
    public var command: TimeAmount = .seconds(30)
    /// Extra time allowed after DONE, i.e. beyond an IDLE's planned end.
    public var idle: TimeAmount = .seconds(30)

    public init() {}
}

/// Everything needed to open one connection.
public struct ConnectionConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var tlsMode: TLSMode = .none
    /// Certificate verification is on unless explicitly turned off.
    public var verifyCertificates: Bool = true
    /// A PEM file whose certificates are trusted in addition to the system roots.
    public var caFile: String? = nil
    /// The name sent as SNI and checked against the certificate; defaults to `host`.
    public var serverName: String? = nil
    /// How many commands may be in flight at once; 1 means no pipelining.
    public var pipelineDepth: Int = 1
    public var timeouts = Timeouts()
    public var parserLimits = ResponseParser.Limits()
    /// One line per client (`C:`) or server (`S:`) line; LOGIN and AUTHENTICATE payloads are redacted.
    public var protocolLog: (@Sendable (String) -> Void)? = nil

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
