/// One item of a FETCH command (RFC 3501 §6.4.5).
enum FetchRequestItem: Hashable {
    case flags
    case uid
    case internalDate
    case rfc822Size
    case envelope
    /// BODY without a section: the non-extensible structure.
    case bodyStructure(extensible: Bool)
    case rfc822
    case rfc822Header
    case rfc822Text
    case section(BodySectionRequest)
}

/// `BODY[section]<partial>` or `BODY.PEEK[...]`.
struct BodySectionRequest: Hashable {
    /// Part numbers, `[]` for the whole message (`1.2` is `[1, 2]`).
    var part: [Int]
    var text: SectionText?
    var peek: Bool
    /// `<origin.count>`
    var partial: Partial?
    /// The section as it is echoed in the response, e.g. `HEADER.FIELDS (SUBJECT FROM)`.
    var label: String

    struct Partial: Hashable {
        var origin: Int
        var count: Int
    }
}

/// What of a part a section asks for.
enum SectionText: Hashable {
    case header
    case text
    case mime
    case headerFields([String])
    case headerFieldsNot([String])
}
