/// A message set of sequence numbers or UIDs (RFC 3501 §9 `sequence-set`).
///
/// `nil` as an upper bound stands for `*`.
///
///     1,3:5,10:*  ->  SequenceSet([.single(1), .range(3, 5), .range(10, nil)])
public struct SequenceSet: Hashable, Sendable {
    public enum Element: Hashable, Sendable {
        case single(UInt32)
        /// `first:last`; `last == nil` is `first:*`.
        case range(UInt32, UInt32?)
        /// `*` alone.
        case last
    }

    public var elements: [Element]

    public init(_ elements: [Element]) {
        self.elements = elements
    }

    public static func single(_ n: UInt32) -> SequenceSet { SequenceSet([.single(n)]) }
    public static func range(_ first: UInt32, _ last: UInt32?) -> SequenceSet { SequenceSet([.range(first, last)]) }
    public static let all = SequenceSet([.range(1, nil)])

    /// The set as it is written on the wire.
    public var wireText: String {
        elements.map { element -> String in
            switch element {
            case .single(let n): return String(n)
            case .range(let first, let last): return "\(first):\(last.map(String.init) ?? "*")"
            case .last: return "*"
            }
        }.joined(separator: ",")
    }
}
