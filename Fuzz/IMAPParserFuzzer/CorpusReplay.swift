// Fuzz target for the IMAP response parser (see Fuzz/README.md).
//
// Normal build: `swift run IMAPParserFuzzer Fuzz/corpus` replays every file of the given folders
// (or files) through the same checks the fuzzer runs (FuzzChecks.swift), printing how many ran.
// With `-D FUZZING -sanitize=fuzzer` this replay is left out and FuzzEntryPoint.swift exports
// `LLVMFuzzerTestOneInput` for libFuzzer's own `main`.
#if !FUZZING
// The fuzzing build compiles IMAPProtocol's sources into this module (see Fuzz/README.md).
#if canImport(IMAPProtocol)
import IMAPProtocol
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Reads a whole file with the C library (no Foundation in this target).
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

/// The regular files of a folder, or the path itself when it is a file.
func corpusFiles(_ path: String) -> [String] {
    guard let folder = opendir(path) else { return [path] }
    defer { closedir(folder) }
    var files: [String] = []
    while let entry = readdir(folder) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if !name.hasPrefix(".") { files.append(path + "/" + name) }
    }
    return files.sorted()
}

/// Replays corpus files; exits non-zero when a file cannot be read (a crash exits non-zero by itself).
@main
enum CorpusReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: IMAPParserFuzzer <corpus folder or file>...")
            exit(2)
        }
        var ran = 0
        for path in paths {
            for file in corpusFiles(path) {
                guard let bytes = readFile(file) else {
                    print("cannot read \(file)")
                    exit(1)
                }
                check(bytes)
                ran += 1
            }
        }
        print("replayed \(ran) corpus files through the parser: no crash, chunking-independent results")
    }
}
#endif
