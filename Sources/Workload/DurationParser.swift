import IMAPProtocol

/// The duration grammar of profiles and flags: the one of IMAPProtocol (see `DurationText`),
/// which `serve`'s specs read too. The name stays for the Workload's many callers.
public typealias DurationParser = DurationText
