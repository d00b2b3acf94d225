/// How a session proves who the user is.
///
/// The one login setting of imapbench: the profile's `connection.login` and the method
/// `IMAPConnection.login` uses are this type, so nothing maps one onto the other. It lives in
/// IMAPProtocol because IMAPClient and Workload both depend on this module (and not on each
/// other). The raw values are the words profiles accept (`login`, `plain`); Workload adds the
/// profile decoding.
public enum LoginMethod: String, Hashable, Sendable, CaseIterable {
    /// `LOGIN user password` (RFC 3501 §6.2.3).
    case login
    /// `AUTHENTICATE PLAIN` (RFC 4616), with SASL-IR (RFC 4959) when the server offers it.
    case plain
}
