/// The i-th of N equal slices of a test (`--segment i/N`), so N machines can share one load:
/// users, sessions and rates are divided so that the N slices add up to exactly the whole.
public struct Segment: Hashable, Sendable, CustomStringConvertible {
    /// 1-based position of this slice.
    public let index: Int
    public let count: Int

    public static let whole = Segment(uncheckedIndex: 1, count: 1)

    /// Nil unless `1 <= index <= count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses `i/N` as typed after `--segment`.
    public static func parse(_ text: String) -> Segment? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        return Segment(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This slice's part of `0..<total`: consecutive, disjoint, covering, sizes differing by at most one.
    public func range(of total: Int) -> Range<Int> {
        let lower = total * (index - 1) / count
        let upper = total * index / count
        return lower..<upper
    }

    /// This slice's share of an integer total (sessions); the shares sum to `total`.
    public func share(of total: Int) -> Int { range(of: total).count }

    /// This slice's share of a rate: an equal part, so the slices sum to the total even when
    /// the rate is below N (each slice then sends less than one per second).
    public func share(ofRate total: Double) -> Double { total / Double(count) }

    /// Whether the `ordinal`-th (0-based) event of the whole test's schedule belongs to this
    /// slice: every N-th, so N slices that each play the whole schedule (same seed) take
    /// disjoint events whose union is the whole, whatever the spacing (uniform or Poisson).
    public func owns(ordinal: Int) -> Bool { ordinal % count == index - 1 }
}
