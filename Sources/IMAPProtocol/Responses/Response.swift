/// One complete server response (RFC 3501 §7, RFC 9051 §7), as the incremental parser delivers it.
///
///     S: * 3 EXISTS            -> .untagged(.exists(3))
///     S: a1 OK [READ-WRITE] x  -> .tagged(TaggedResponse(tag: "a1", state: .init(status: .ok, code: .readWrite, text: "x")))
///     S: + Ready               -> .continuation("Ready")
public enum Response: Hashable, Sendable {
    case untagged(UntaggedResponse)
    case tagged(TaggedResponse)
    /// A continuation request (`+ text`); for a SASL challenge the text is the base64 payload.
    case continuation(String)
}

/// The status word of a condition response.
public enum ResponseStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case preauth = "PREAUTH"
    case bye = "BYE"
}

/// `status [code] text`, shared by tagged completions and untagged OK/NO/BAD/PREAUTH/BYE.
public struct ResponseState: Hashable, Sendable {
    public var status: ResponseStatus
    public var code: ResponseCode?
    public var text: String
    public init(status: ResponseStatus, code: ResponseCode? = nil, text: String = "") {
        self.status = status
        self.code = code
        self.text = text
    }
}

/// A tagged completion. `tag` is kept exactly as sent by the server, even when it is garbage.
public struct TaggedResponse: Hashable, Sendable {
    public var tag: String
    public var state: ResponseState
    public init(tag: String, state: ResponseState) {
        self.tag = tag
        self.state = state
    }
}

/// Response codes (RFC 3501 §7.1, RFC 4315 UIDPLUS, RFC 7162 CONDSTORE); unknown codes are kept as text.
public enum ResponseCode: Hashable, Sendable {
    case alert
    case capability([String])
    case parse
    case permanentFlags([String])
    case readOnly
    case readWrite
    case tryCreate
    case uidNext(UInt32)
    case uidValidity(UInt32)
    case unseen(UInt32)
    /// `APPENDUID uidvalidity uid-set`
    case appendUID(uidValidity: UInt32, uids: String)
    /// `COPYUID uidvalidity source-set dest-set`
    case copyUID(uidValidity: UInt32, source: String, destination: String)
    case highestModSeq(UInt64)
    case closed
    /// Any other code: its atom and the rest of the bracket as raw text.
    case other(name: String, text: String?)
}

/// A LIST or LSUB line.
public struct ListEntry: Hashable, Sendable {
    public var attributes: [String]
    /// The hierarchy delimiter, `nil` when the server sent NIL.
    public var delimiter: Character?
    public var mailbox: String
    public init(attributes: [String], delimiter: Character?, mailbox: String) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.mailbox = mailbox
    }
}

/// Untagged data (`* ...`).
public enum UntaggedResponse: Hashable, Sendable {
    /// `* OK/NO/BAD/PREAUTH/BYE [code] text`
    case condition(ResponseState)
    case capability([String])
    case enabled([String])
    case flags([String])
    case list(ListEntry)
    case lsub(ListEntry)
    /// `* STATUS mailbox (NAME value ...)`, names upper-cased.
    case status(mailbox: String, attributes: [String: UInt64])
    case search([UInt32], modSeq: UInt64?)
    /// `* ESEARCH (TAG "a1") UID ALL 1:3 COUNT 3`; the return data kept as name/value text pairs.
    case esearch(tag: String?, uid: Bool, returnData: [String: String])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// `* VANISHED (EARLIER) uid-set` (RFC 7162), the set as written.
    case vanished(earlier: Bool, uids: SequenceSet)
    /// `* NAMESPACE ...`, kept as its raw text.
    case namespace(String)
    /// `* ID (...)` or `* ID NIL`.
    case id([IDField]?)
    case fetch(sequenceNumber: UInt32, attributes: [FetchAttribute])
    /// An untagged line this parser does not know, for example `* 3 EXPUNGED`: reported as what it is.
    case unknown(number: UInt32?, keyword: String, text: String)
}

/// One attribute of a FETCH response.
public enum FetchAttribute: Hashable, Sendable {
    case flags([String])
    case uid(UInt32)
    case internalDate(String)
    case rfc822Size(UInt64)
    /// ENVELOPE, BODY and BODYSTRUCTURE are kept as their raw parenthesised text; the benchmark
    /// needs their size and validity, not their tree.
    case envelope(String)
    case bodyStructure(String, extensible: Bool)
    case modSeq(UInt64)
    /// `BODY[section]<origin>`, `BINARY[section]`, `RFC822`, `RFC822.HEADER`, `RFC822.TEXT`:
    /// the body is streamed, so only its byte count is kept (`nil` for NIL), plus the bytes
    /// themselves when the parser was asked to keep bodies.
    case body(BodyKind, section: String, origin: Int?, byteCount: Int?, data: [UInt8]?)
    /// An attribute this parser does not model (`BINARY.SIZE[1] 120`, `X-GM-MSGID 123`...): its name
    /// as sent and its value as raw text, so a server extension never breaks a session.
    case other(name: String, value: String)
}

/// Which body attribute a `FetchAttribute.body` came from.
public enum BodyKind: String, Hashable, Sendable {
    case body = "BODY"
    case binary = "BINARY"
    case rfc822 = "RFC822"
    case rfc822Header = "RFC822.HEADER"
    case rfc822Text = "RFC822.TEXT"
}
