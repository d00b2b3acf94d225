/// Errors of the Reporting module, worded for the person running `imapbench`.
public enum ReportingError: Error, CustomStringConvertible {
    case missingFile(String)
    case unreadableRun(path: String, reason: String)
    case nothingToCompare
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path): return "The run directory has no \(path)."
        case .unreadableRun(let path, let reason): return "Cannot read the run at \(path): \(reason)."
        case .nothingToCompare: return "Give at least two runs to compare and one run to merge."
        case .cannotWrite(let path, let reason): return "Cannot write \(path): \(reason)."
        }
    }
}
