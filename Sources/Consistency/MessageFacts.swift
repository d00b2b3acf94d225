/// What never changes about one message (RFC 3501 §2.3): kept per UID once any session of its
/// user saw it. The long texts are kept as hashes; the process never compares across runs.
struct MessageFacts {
    var size: UInt64?
    var internalDate: Int?
    var envelope: Int?
    var bodyStructure: Int?
    /// BODY (the non-extensible form) differs in text from BODYSTRUCTURE, so it is kept apart.
    var body: Int?
}
