import IMAPClient
import Measurement

extension Outcome {
    /// A command's ending as a sample's outcome.
    init(_ outcome: CommandOutcome) {
        switch outcome {
        case .ok: self = .ok
        case .no: self = .no
        case .bad: self = .bad
        case .bye: self = .bye
        case .disconnected: self = .disconnected
        case .timedOut: self = .timeout
        case .protocolError: self = .protocolError
        }
    }

    /// A failed connection attempt as the outcome of the phase that failed.
    init(_ kind: IMAPConnectionError.Kind) {
        switch kind {
        case .connectTimeout, .greetingTimeout: self = .timeout
        case .refused: self = .bye
        case .protocolError: self = .protocolError
        case .startTLSRejected: self = .no
        default: self = .disconnected
        }
    }
}
