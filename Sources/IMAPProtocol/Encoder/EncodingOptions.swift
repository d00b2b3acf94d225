/// Which optional encodings the server allows, from its capability list.
public struct EncodingOptions: Sendable, Hashable {
    /// LITERAL+ (RFC 7888): every literal may be non-synchronizing.
    public var literalPlus = false
    /// LITERAL- (RFC 7888): literals of at most 4096 bytes may be non-synchronizing.
    public var literalMinus = false
    /// SASL-IR (RFC 4959): the initial SASL response goes on the AUTHENTICATE line.
    public var saslIR = false

    public init() {}

    /// Reads LITERAL+, LITERAL- and SASL-IR from a capability list (case-insensitive).
    public init(capabilities: some Sequence<String>) {
        for capability in capabilities {
            switch capability.uppercased() {
            case "LITERAL+": literalPlus = true
            case "LITERAL-": literalMinus = true
            case "SASL-IR": saslIR = true
            default: break
            }
        }
    }
}
