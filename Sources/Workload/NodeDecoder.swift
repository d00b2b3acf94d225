import Yams

/// A `Decoder` that reads a composed YAML node tree instead of plain values, so that every
/// error it raises (and every error a model type raises through `profileError`) names the
/// file, line and column of the node at fault.
///
/// It is strict on purpose: a key the target type does not declare is an error, because a
/// misspelt key in a load profile silently running the defaults is how benchmarks lie.
struct NodeDecoder: Decoder {
    let node: Node
    let source: String
    let codingPath: [any CodingKey]
    /// When set, problems that a default can stand in for are recorded here and decoding goes on.
    let collector: ProfileErrorCollector?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, source: String, codingPath: [any CodingKey] = [], collector: ProfileErrorCollector? = nil) {
        self.node = node
        self.source = source
        self.codingPath = codingPath
        self.collector = collector
    }

    /// An error located at `node` (this decoder's node when nil).
    func error(_ message: String, at other: Node? = nil) -> ProfileError {
        let mark = (other ?? node).mark
        return ProfileError(file: source, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
    }

    /// A child decoder for a value found under `key`.
    func child(_ node: Node, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, source: source, codingPath: codingPath + [key], collector: collector)
    }

    /// Where in the profile this decoder is, as `operations[2].messages`, for messages.
    var pathDescription: String {
        Self.describe(codingPath)
    }

    static func describe(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the profile" : text
    }

    /// A person's name for the kind of node found, for "expected X, found Y" messages.
    var foundDescription: String {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "an empty value" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw error("\(pathDescription) must be a mapping of keys to values, found \(foundDescription)")
        }
        return KeyedDecodingContainer(try NodeKeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw error("\(pathDescription) must be a list, found \(foundDescription)")
        }
        return NodeUnkeyedContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeSingleValueContainer(decoder: self)
    }
}

/// A coding key for list positions, so paths read `operations[2]`.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

extension Decoder {
    /// An error located at the value being decoded, for checks model types make after decoding
    /// (a weight that is not positive, a ramp longer than the run).
    func profileError(_ message: String) -> any Error {
        if let decoder = self as? NodeDecoder {
            return decoder.error(message)
        }
        return DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: message))
    }

    /// An error located at the value under `key` of this decoder's mapping (or at the mapping
    /// when the key is absent).
    func profileError(_ message: String, key: String) -> any Error {
        if let decoder = self as? NodeDecoder, case .mapping(let mapping) = decoder.node {
            for (candidate, value) in mapping where candidate.string == key {
                return decoder.error(message, at: value)
            }
        }
        return profileError(message)
    }

    /// Rejects keys of this decoder's mapping that are not in `allowed`, for types whose
    /// allowed keys depend on a value (an operation's parameters depend on its type).
    func rejectKeys(notIn allowed: Set<String>, context: String) throws {
        guard let decoder = self as? NodeDecoder, case .mapping(let mapping) = decoder.node else { return }
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                let list = allowed.sorted().joined(separator: ", ")
                let error = decoder.error("unknown key '\(name)' for \(context) (expected one of: \(list))", at: key)
                // when collecting, the key is left unused and the other keys are still checked
                guard let collector = decoder.collector else { throw error }
                collector.record(error)
            }
        }
    }

    /// Where in the profile this value is (`operations[2].weight`), for messages.
    var profilePath: String {
        NodeDecoder.describe(codingPath)
    }
}
