import Yams

/// Lists the names a `CodingKey` type accepts, when it can enumerate them.
private func keyNames<Key: CodingKey>(_ type: Key.Type) -> [String]? {
    guard let iterable = type as? any (CodingKey & CaseIterable).Type else { return nil }
    return allNames(iterable)
}

private func allNames<Key: CodingKey & CaseIterable>(_ type: Key.Type) -> [String] {
    Key.allCases.map(\.stringValue)
}

/// The keyed view of a YAML mapping; rejects unknown keys as soon as it is opened (all of them,
/// when collecting problems).
struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let entries: [String: Node]
    let allKeys: [Key]
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: NodeDecoder, mapping: Node.Mapping) throws {
        self.decoder = decoder
        var entries: [String: Node] = [:]
        var keys: [Key] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else {
                try Self.reject(decoder.error("keys must be plain words", at: keyNode), decoder)
                continue
            }
            guard let key = Key(stringValue: name) else {
                let expected = keyNames(Key.self).map { " (expected one of: \($0.joined(separator: ", ")))" } ?? ""
                try Self.reject(
                    decoder.error("unknown key '\(name)' in \(decoder.pathDescription)\(expected)", at: keyNode),
                    decoder)
                continue
            }
            entries[name] = value
            keys.append(key)
        }
        self.entries = entries
        self.allKeys = keys
    }

    /// Throws `error`, or records it when collecting (the key is then skipped).
    private static func reject(_ error: ProfileError, _ decoder: NodeDecoder) throws {
        guard let collector = decoder.collector else { throw error }
        collector.record(error)
    }

    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

    /// An optional value that fails is recorded when collecting, and its default then applies.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = entries[key.stringValue], !value.isNullScalar else { return nil }
        let decode = { try T(from: self.decoder.child(value, key: key)) }
        guard let collector = decoder.collector else { return try decode() }
        return try collector.recovering(decode)
    }

    // The standard library gives each primitive its own requirement; all go the generic way.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try decodeIfPresent(Wrapped<Bool>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decodeIfPresent(Wrapped<String>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decodeIfPresent(Wrapped<Double>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try decodeIfPresent(Wrapped<Float>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeIfPresent(Wrapped<Int>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try decodeIfPresent(Wrapped<Int8>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try decodeIfPresent(Wrapped<Int16>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decodeIfPresent(Wrapped<Int32>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decodeIfPresent(Wrapped<Int64>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try decodeIfPresent(Wrapped<UInt>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try decodeIfPresent(Wrapped<UInt8>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try decodeIfPresent(Wrapped<UInt16>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try decodeIfPresent(Wrapped<UInt32>.self, forKey: key)?.value
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decodeIfPresent(Wrapped<UInt64>.self, forKey: key)?.value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = entries[key.stringValue] else { return true }
        return value.isNullScalar
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = entries[key.stringValue] else {
            throw decoder.error("missing key '\(key.stringValue)' in \(decoder.pathDescription)")
        }
        return try T(from: decoder.child(value, key: key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decode(Wrapped<String>.self, forKey: key).value
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decode(Wrapped<Double>.self, forKey: key).value
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try decode(Wrapped<Float>.self, forKey: key).value
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: key).value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: key).value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try decode(Wrapped<Int16>.self, forKey: key).value
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try decode(Wrapped<Int32>.self, forKey: key).value
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decode(Wrapped<Int64>.self, forKey: key).value
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: key).value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try decode(Wrapped<UInt8>.self, forKey: key).value
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decode(Wrapped<UInt16>.self, forKey: key).value
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decode(Wrapped<UInt32>.self, forKey: key).value
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decode(Wrapped<UInt64>.self, forKey: key).value
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try superDecoder(forKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try superDecoder(forKey: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        guard let value = entries[key.stringValue] else {
            throw decoder.error("missing key '\(key.stringValue)' in \(decoder.pathDescription)")
        }
        return decoder.child(value, key: key)
    }
}

/// Routes primitive decodes through the single-value container so they get located errors.
private struct Wrapped<Value: Decodable>: Decodable {
    let value: Value
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Value.self)
    }
}

/// The positional view of a YAML sequence.
struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    mutating func nextDecoder() throws -> NodeDecoder {
        guard !isAtEnd else { throw decoder.error("\(decoder.pathDescription) has fewer items than expected") }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNullScalar else { return false }
        currentIndex += 1
        return true
    }

    /// When collecting, an item that fails is recorded and the next one decoded in its place;
    /// the last item's problem, if every remaining one fails, is thrown (and kept once).
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        while true {
            let item = try nextDecoder()
            do {
                return try T(from: item)
            } catch let error as ProfileError {
                guard let collector = decoder.collector, !isAtEnd else { throw error }
                collector.record(error)
            }
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }
}

/// A scalar value, converted with messages that say what was expected.
struct NodeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNullScalar }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let value = try primitive(type) { return value }
        return try T(from: decoder)
    }

    private func mismatch(_ expected: String) -> ProfileError {
        decoder.error("\(decoder.pathDescription) must be \(expected), found \(decoder.foundDescription)")
    }

    private func scalar(_ expected: String) throws -> Node.Scalar {
        guard case .scalar(let scalar) = decoder.node else { throw mismatch(expected) }
        return scalar
    }

    /// Converts scalars to the standard types; nil for any other type.
    private func primitive<T>(_ type: T.Type) throws -> T? {
        switch type {
        case is String.Type:
            return try scalar("a text value").string as? T
        case is Bool.Type:
            _ = try scalar("true or false")
            guard let value = decoder.node.bool else { throw mismatch("true or false") }
            return value as? T
        case is Double.Type, is Float.Type:
            _ = try scalar("a number")
            guard let value = decoder.node.float ?? decoder.node.int.map(Double.init) else {
                throw mismatch("a number")
            }
            return (type == Float.self ? Float(value) as Any : value as Any) as? T
        default:
            return try integer(type)
        }
    }

    private func integer<T>(_ type: T.Type) throws -> T? {
        guard let integerType = type as? any FixedWidthInteger.Type else { return nil }
        _ = try scalar("a whole number")
        guard let value = decoder.node.int else { throw mismatch("a whole number") }
        guard let converted = integerType.init(exactly: value) else {
            throw decoder.error("\(decoder.pathDescription) is out of range: \(value)")
        }
        return converted as? T
    }

}

extension Node {
    /// True for `~`, `null` and an empty value.
    var isNullScalar: Bool {
        guard case .scalar = self else { return false }
        return null != nil
    }
}
