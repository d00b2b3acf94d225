/// One node of a message's MIME tree, as byte ranges into the message (RFC 2045, RFC 2046).
struct MimePart: Sendable {
    /// The header block including the blank line that ends it.
    var headerRange: Range<Int>
    var bodyRange: Range<Int>
    /// Lower-cased, e.g. `text` / `plain`.
    var type: String
    var subtype: String
    /// Content-Type parameters, names lower-cased.
    var parameters: [(name: String, value: String)]
    var encoding: String
    var contentID: String?
    var contentDescription: String?
    /// `attachment` or `inline` with its parameters, when the part has a Content-Disposition.
    var disposition: (kind: String, parameters: [(name: String, value: String)])?
    var lineCount: Int
    var children: [MimePart]

    var isMultipart: Bool { type == "multipart" && !children.isEmpty }

    /// The part numbered `path` (RFC 3501 §6.4.5); part 1 of a non-multipart message is its body.
    func descendant(_ path: ArraySlice<Int>) -> MimePart? {
        guard let first = path.first else { return self }
        if !isMultipart {
            return first == 1 ? descendant(path.dropFirst()) : nil
        }
        guard first >= 1, first <= children.count else { return nil }
        return children[first - 1].descendant(path.dropFirst())
    }
}

/// One header line, name lower-cased, value unfolded and trimmed.
struct HeaderField: Sendable {
    var name: String
    var value: String
}
