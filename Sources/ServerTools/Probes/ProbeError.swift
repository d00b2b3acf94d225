/// Why a probe or a population could not run, written for the person at the terminal.
public enum ProbeError: Error, CustomStringConvertible, Sendable {
    /// No user to log in as.
    case noCredentials
    /// A step of the probe needs a value the user gave wrongly (for example depth 0).
    case invalidConfiguration(String)
    /// The server could not be reached or refused every session.
    case unreachable(String)
    /// Writing the results directory failed.
    case output(String)

    public var description: String {
        switch self {
        case .noCredentials:
            return "no user to log in as: give --users and --user-range (and a password) or use the embedded server"
        case .invalidConfiguration(let text):
            return "invalid configuration: \(text)"
        case .unreachable(let text):
            return "the server could not be used: \(text)"
        case .output(let text):
            return "could not write the results: \(text)"
        }
    }
}
