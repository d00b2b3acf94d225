/// How a connection is protected: none, upgraded by STARTTLS after the greeting (RFC 3501 §6.2.1),
/// or TLS from the first byte (RFC 8314, port 993).
///
/// The one TLS setting of imapbench: the profile's `connection.tls`, `--tls` and the client's
/// `ConnectionConfiguration.tlsMode` all hold this type, so nothing maps one spelling onto another.
/// It lives in IMAPProtocol because IMAPClient and Workload both depend on this module (and not
/// on each other). The raw values are the words profiles and the command line accept
/// (`none`, `starttls`, `implicit`); Workload adds the profile decoding.
public enum TLSMode: String, Hashable, Sendable, CaseIterable {
    case none
    case startTLS = "starttls"
    case implicit
}
