/// Picks items in proportion to their weights in constant time (Vose's alias method), since
/// the driver picks an operation for every command it sends.
public struct WeightedChoice<Element>: Sendable where Element: Sendable {
    public let elements: [Element]
    private let probability: [Double]
    private let alias: [Int]

    /// Nil when there are no items or a weight is not a positive finite number.
    public init?(_ items: [(element: Element, weight: Double)]) {
        guard !items.isEmpty, items.allSatisfy({ $0.weight > 0 && $0.weight.isFinite }) else { return nil }
        let total = items.reduce(0) { $0 + $1.weight }
        let count = items.count
        var scaled = items.map { $0.weight * Double(count) / total }
        var probability = [Double](repeating: 1, count: count)
        var alias = Array(0..<count)
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let less = small.popLast(), let more = large.popLast() {
            probability[less] = scaled[less]
            alias[less] = more
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 { small.append(more) } else { large.append(more) }
        }
        // Whatever is left is 1 up to rounding.
        self.elements = items.map(\.element)
        self.probability = probability
        self.alias = alias
    }

    /// One item, drawn with the given generator.
    public func pick(using generator: inout SeededRandom) -> Element {
        elements[pickIndex(using: &generator)]
    }

    /// The index of one item, drawn with the given generator.
    public func pickIndex(using generator: inout SeededRandom) -> Int {
        let column = generator.nextIndex(below: elements.count)
        return generator.nextUnit() < probability[column] ? column : alias[column]
    }
}

extension WeightedChoice where Element == ProfileOperation {
    /// The mix of a profile's operations (every profile has at least one, with weights > 0).
    public init?(operations: [ProfileOperation]) {
        self.init(operations.map { ($0, $0.weight) })
    }
}
