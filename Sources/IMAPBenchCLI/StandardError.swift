import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard error (messages for a person, never results).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes raw text to standard error (the progress line rewrites itself with \r on a terminal).
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
