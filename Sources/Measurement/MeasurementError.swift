/// Errors of the Measurement module, worded for the person reading the CLI output.
public enum MeasurementError: Error, CustomStringConvertible, Equatable {
    case invalidBase64(String)
    case badCookie(expected: String, found: UInt32)
    case decompressionFailed(code: Int32)
    case compressionFailed(code: Int32)
    case truncatedPayload(String)
    case unsupportedLayout(String)
    case malformedLogLine(line: Int, reason: String)
    case invalidThreshold(text: String, reason: String)

    public var description: String {
        switch self {
        case .invalidBase64(let context):
            return "A histogram is not valid base64 (\(context))."
        case .badCookie(let expected, let found):
            return "A histogram does not start with the \(expected) cookie (found 0x\(String(found, radix: 16)))."
        case .decompressionFailed(let code):
            return "A compressed histogram could not be inflated (zlib error \(code))."
        case .compressionFailed(let code):
            return "A histogram could not be compressed (zlib error \(code))."
        case .truncatedPayload(let reason):
            return "A histogram payload is truncated: \(reason)."
        case .unsupportedLayout(let reason):
            return "A histogram uses a layout imapbench cannot merge: \(reason)."
        case .malformedLogLine(let line, let reason):
            return "Line \(line) of the histogram log is malformed: \(reason)."
        case .invalidThreshold(let text, let reason):
            return "The threshold '\(text)' is not understood: \(reason). Example: 'fetch.p99 < 50ms'."
        }
    }
}
