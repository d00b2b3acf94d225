/// A SEARCH criterion tree (RFC 3501 §6.4.4); a list of keys means all of them.
indirect enum SearchKey: Sendable {
    case all
    case and([SearchKey])
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    /// A keyword (KEYWORD / UNKEYWORD), compared by name.
    case flag(String, set: Bool)
    /// A system flag as its `MessageFlags` bit (SEEN, UNSEEN, ...): resolved once by the parser,
    /// so matching a message is a bit test.
    case systemFlag(UInt8, set: Bool)
    case recent(Bool)
    case new
    case header(field: String, value: String)
    case body(String)
    case text(String)
    /// Day numbers since 1970 of the internal date (SINCE/BEFORE/ON) or of the Date header (SENT*).
    case before(day: Int64, sent: Bool)
    case on(day: Int64, sent: Bool)
    case since(day: Int64, sent: Bool)
    case larger(Int)
    case smaller(Int)
    case uid(MessageSet)
    case sequence(MessageSet)
}
