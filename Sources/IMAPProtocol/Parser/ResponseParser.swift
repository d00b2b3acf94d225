/// An incremental, push-style parser for the server side of IMAP (RFC 3501 §7, RFC 9051 §7).
///
/// Bytes are fed as they arrive, in any chunking; each complete response is handed to `emit`.
/// Work happens in two layers so the grammar never sees half a response:
///
///     bytes ──► framing (lines, and the {n} / {n+} / ~{n} literals they announce) ──► grammar ──► Response
///                  │
///                  └─ message body literals (FETCH BODY[...], BINARY[...], RFC822*) are counted and
///                     handed to `bodySink` as they pass; they are kept only when `keepBodies` is set.
///
/// Every other literal (a mailbox name, an envelope string) is small and buffered with its line.
/// Memory is bounded by `Limits`: the text of one response, each literal, the nesting depth and the
/// number of FETCH attributes. A violated limit or malformed input throws `ResponseParserError`,
/// after which the parser is unusable (the connection cannot be resynchronised safely).
public struct ResponseParser: Sendable {
    /// Bounds that keep memory finite whatever the server sends.
    public struct Limits: Sendable, Hashable {
        /// Bytes of one response's text, excluding literals.
        public var maxLineLength: Int = 1_048_576
        /// Bytes of one literal; also the bound on all non-body literals buffered within one response.
        public var maxLiteralSize: Int = 256 << 20
        /// Parenthesis depth.
        public var maxNestingDepth: Int = 64
        /// Attributes in one FETCH response.
        public var maxFetchAttributes: Int = 64
        public init() {}
    }

    public let limits: Limits
    /// Whether body literals are kept in `FetchAttribute.body(data:)` (otherwise only counted).
    public let keepBodies: Bool
    /// Receives message body literal bytes (FETCH BODY[], BINARY[], RFC822*) as they stream by,
    /// in order, possibly in several slices per literal. Quoted bodies are not passed here.
    public var bodySink: (@Sendable (ArraySlice<UInt8>) -> Void)?

    /// The response being assembled: its text plus the literals that are not message bodies.
    var pending: [UInt8] = []
    /// Text bytes of the current response so far, literals excluded.
    var textByteCount = 0
    /// Non-body literal bytes buffered in `pending`.
    var inlineLiteralByteCount = 0
    /// Body literals of the current response, by position in `pending`.
    var bodyLiterals: [BodyLiteral] = []
    /// Where the current line segment starts in `pending`: after the last literal, so literal data
    /// that happens to end in `{5}` is never read as an announcement.
    var segmentStart = 0
    var framingState: FramingState = .line
    /// Stream bytes consumed before the chunk being fed.
    var consumedByteCount = 0
    /// Stream offset of the first byte of the current response.
    var responseStartOffset = 0
    var failure: ResponseParserError?

    public init(limits: Limits = Limits(), keepBodies: Bool = false) {
        self.limits = limits
        self.keepBodies = keepBodies
    }

    /// Feeds bytes as they arrived (any chunking); calls `emit` for each complete response.
    ///
    /// Throws `ResponseParserError` on a violated limit or malformed input; after any throw (also one
    /// from `emit`) the parser is unusable and rethrows that failure.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (Response) throws -> Void) throws {
        if let failure { throw failure }
        var index = 0
        while index < bytes.count {
            let step = try parseNext(UnsafeRawBufferPointer(rebasing: bytes[index...]))
            index += step.consumed
            guard let framed = step.framed else { continue }
            do {
                try emit(framed.response)
            } catch {
                failure = ResponseParserError(
                    reason: "the response handler failed (\(error)); the parser stopped",
                    line: "", offset: consumedByteCount)
                throw error
            }
        }
    }

    /// Consumes `bytes` up to the end of the next complete response, or all of them if none ends there.
    ///
    /// The one place the stream is cut into responses: a connection that must act on each response
    /// before reading on (a STARTTLS OK, a BYE) steps through a chunk with this instead of `feed`, and
    /// gets each response's size in the stream without framing the bytes a second time.
    /// Throws as `feed` does; `consumed` is at least 1 when `bytes` is not empty.
    public mutating func parseNext(_ bytes: UnsafeRawBufferPointer) throws -> (consumed: Int, framed: FramedResponse?) {
        if let failure { throw failure }
        var index = 0
        var emitted: Response?
        do {
            while index < bytes.count, emitted == nil {
                switch framingState {
                case .line:
                    index = try consumeLine(bytes, from: index) { emitted = $0 }
                case .literal(let remaining, let isBody):
                    index = try consumeLiteral(bytes, from: index, remaining: remaining, isBody: isBody)
                }
            }
        } catch let error as ResponseParserError {
            failure = error
            throw error
        }
        consumedByteCount += index
        guard let emitted else { return (index, nil) }
        return (index, FramedResponse(response: emitted, byteCount: consumedByteCount - responseStartOffset))
    }

    /// Convenience for arrays.
    public mutating func feed(_ bytes: [UInt8], _ emit: (Response) throws -> Void) throws {
        try bytes.withUnsafeBytes { try feed($0, emit) }
    }

    /// Whether the stream so far ended exactly after a complete response (nothing partial is held):
    /// a disconnect here is clean, anywhere else it cut a response short.
    public var isAtResponseBoundary: Bool {
        pending.isEmpty && bodyLiterals.isEmpty && textByteCount == 0
    }

    /// Gives back the buffer kept for the next response, when nothing partial is held: a connection
    /// parked in IDLE should not hold the largest response it ever read (many thousands of them idle).
    public mutating func releaseSpareCapacity() {
        guard isAtResponseBoundary else { return }
        pending = []
        bodyLiterals = []
    }

    /// Bytes held while waiting for the rest of a response (text, small literals and kept bodies).
    public var bufferedByteCount: Int {
        pending.count + bodyLiterals.reduce(0) { $0 + ($1.data?.count ?? 0) }
    }
}

/// A message body literal seen by the framing layer: where it sits in the response, and its bytes if kept.
struct BodyLiteral: Sendable {
    /// Index in the response buffer just after the literal's `{n}\r\n`.
    var position: Int
    var byteCount: Int
    var data: [UInt8]?
}

/// Whether the framer is reading line text or counting down a literal.
enum FramingState: Sendable {
    case line
    case literal(remaining: Int, isBody: Bool)
}
