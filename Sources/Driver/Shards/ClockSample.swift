/// One NTP-style exchange with the coordinator: t0 shard send, t1 coordinator receive,
/// t2 coordinator send, t3 shard receive (each on its own machine's wall clock, in seconds).
public struct ClockSample: Sendable, Equatable {
    public var t0: Double
    public var t1: Double
    public var t2: Double
    public var t3: Double

    public init(t0: Double, t1: Double, t2: Double, t3: Double) {
        self.t0 = t0
        self.t1 = t1
        self.t2 = t2
        self.t3 = t3
    }

    /// The coordinator's clock minus this shard's: exact when the two network legs take equal time.
    public var offset: Double { ((t1 - t0) + (t2 - t3)) / 2 }

    /// Time on the wire, without the coordinator's own processing time.
    public var roundTrip: Double { (t3 - t0) - (t2 - t1) }

    /// The exchange with the shortest round trip: its offset has the smallest error bound
    /// (at most half its round trip), which is why NTP filters this way.
    public static func best(of samples: [ClockSample]) -> ClockSample? {
        samples.min { $0.roundTrip < $1.roundTrip }
    }
}
