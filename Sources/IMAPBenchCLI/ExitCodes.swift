import ArgumentParser

/// Exit codes, documented in `imapbench --help` and the README so CI can branch on them.
public enum ExitCodes {
    /// Everything ran and every threshold held.
    public static let success: Int32 = 0
    /// The run could not start or failed (bad profile, unreachable server before any session...).
    public static let failure: Int32 = 1
    /// The run finished and wrote its results, but a threshold was violated.
    public static let thresholdViolated: Int32 = 2
    /// The run was interrupted (SIGINT/SIGTERM); its results were written.
    public static let interrupted: Int32 = 130
    /// Invalid command line (from swift-argument-parser).
    public static let usage: Int32 = 64

    public static let documentation = """
        0 = success; 1 = error (bad input, nothing could run); 2 = a threshold was violated \
        (results are written); 64 = invalid command line; 130 = interrupted by SIGINT/SIGTERM \
        (results are written).
        """
}
