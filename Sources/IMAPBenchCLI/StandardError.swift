#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard error (messages for a person, never results).
func printError(_ text: String) {
    fputs(text + "\n", stderr)
}
