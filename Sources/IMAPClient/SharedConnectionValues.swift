import NIOConcurrencyHelpers

/// Values that every connection to the same server learns alike (its capability list, a mailbox's
/// FLAGS), kept once for the process: each connection would otherwise hold its own copy.
///
/// A generator with 19,000 sessions parked in IDLE held a capability `Set` (about 600 bytes with
/// its upper-cased strings) and a FLAGS array (about 160 bytes) per connection, all equal. The
/// last value seen is remembered; a connection that learns an equal one shares its storage
/// (copy-on-write: a connection that changes it gets its own). Only login, CAPABILITY and
/// SELECT reach here, never the per-command path, so one lock is cheap.
enum SharedConnectionValues {
    private struct Capabilities {
        var list: [String]
        var set: Set<String>
    }

    private static let lastCapabilities = NIOLockedValueBox<Capabilities?>(nil)
    private static let lastFlags = NIOLockedValueBox<[String]>([])

    /// `Set(list.map { $0.uppercased() })`, shared with the last connection that had the same list.
    static func capabilities(_ list: [String]) -> Set<String> {
        if let shared = lastCapabilities.withLockedValue({ $0?.list == list ? $0?.set : nil }) { return shared }
        let set = Set(list.map { $0.uppercased() })
        lastCapabilities.withLockedValue { $0 = Capabilities(list: list, set: set) }
        return set
    }

    /// `flags` itself, or an equal array another connection already holds.
    static func flags(_ flags: [String]) -> [String] {
        lastFlags.withLockedValue { last in
            if last == flags { return last }
            last = flags
            return flags
        }
    }
}
