import ArgumentParser

/// Exit codes, documented in `imapbench --help` and the README so CI can branch on them.
public enum ExitCodes {
    /// Everything ran and every threshold held.
    public static let success: Int32 = 0
    /// The run could not start or failed (bad profile, unreachable server before any session...).
    public static let failure: Int32 = 1
    /// The run finished and wrote its results, but a threshold was violated.
    public static let thresholdViolated: Int32 = 2
    /// The run finished and wrote its results, but should not be believed: it was limited by the
    /// generator, or did not reach its target sessions or rate (`--allow-limited` makes it 0).
    public static let limited: Int32 = 3
    /// The run was interrupted (SIGINT/SIGTERM); its results were written.
    public static let interrupted: Int32 = 130
    /// Invalid command line (from swift-argument-parser).
    public static let usage: Int32 = 64

    public static let documentation = """
        0 = success; 1 = error (bad input, nothing could run); 2 = a threshold was violated \
        (results are written); 3 = the run should not be believed: LIMITED BY THE GENERATOR, or \
        target sessions or rate not reached (results are written; --allow-limited gives 0), or a \
        shard's result missing from shard 1's merge (always 3); \
        64 = invalid command line; 130 = interrupted by SIGINT/SIGTERM (a started run writes its \
        results; a populate stopped before the run writes none). \
        When several apply, the first of 1, 130, 2, 3 wins.
        """
}
