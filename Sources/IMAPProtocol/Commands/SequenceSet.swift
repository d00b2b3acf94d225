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

    /// One element is kept inline: most commands name one message or one range, and an array
    /// for it cost an allocation per command. Always `.one` for a single element, so the
    /// synthesized equality and hash agree with the elements'.
    private enum Storage: Hashable, Sendable {
        case one(Element)
        case many([Element])
    }

    private var storage: Storage

    public var elements: [Element] {
        get {
            switch storage {
            case .one(let element): return [element]
            case .many(let elements): return elements
            }
        }
        set { storage = Self.storage(newValue) }
    }

    public init(_ elements: [Element]) {
        storage = Self.storage(elements)
    }

    private init(one element: Element) {
        storage = .one(element)
    }

    private static func storage(_ elements: [Element]) -> Storage {
        elements.count == 1 ? .one(elements[0]) : .many(elements)
    }

    /// Each element in order, without building an array (see `Storage`).
    public func forEachElement(_ body: (_ index: Int, _ element: Element) -> Void) {
        switch storage {
        case .one(let element): body(0, element)
        case .many(let elements): for (index, element) in elements.enumerated() { body(index, element) }
        }
    }

    public static func single(_ n: UInt32) -> SequenceSet { SequenceSet(one: .single(n)) }
    public static func range(_ first: UInt32, _ last: UInt32?) -> SequenceSet { SequenceSet(one: .range(first, last)) }
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
