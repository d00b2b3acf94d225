import IMAPBenchCLI

/// The executable: all of imapbench lives in IMAPBenchCLI and below.
@main extension IMAPBench {}
