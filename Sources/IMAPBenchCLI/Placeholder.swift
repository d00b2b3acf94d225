// IMAPBenchCLI
