/// One complete response as the parser cut it from the stream, with the bytes it took there.
///
/// The size counts everything the server sent for the response, literals included (RFC 3501 §4.3),
/// so a connection can attribute the bytes it read to a command without framing the stream itself.
public struct FramedResponse: Sendable, Hashable {
    public var response: Response
    /// Stream bytes from the response's first byte to its final LF, literals included.
    public var byteCount: Int

    public init(response: Response, byteCount: Int) {
        self.response = response
        self.byteCount = byteCount
    }
}
