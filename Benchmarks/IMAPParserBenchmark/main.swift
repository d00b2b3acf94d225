// Parser throughput benchmark: prints MB/s for two workloads, fed in 64 KiB chunks as a socket would.
//   swift run -c release --scratch-path .build-release IMAPParserBenchmark
// Targets (issue 2): (a) FETCH BODY[] with 100 KB literals >= 1 GB/s, (b) small FETCH lines >= 150 MB/s.
import IMAPProtocol
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of this thread: on a shared machine it measures the parser's own work, where wall
/// time would also count the time other processes held the core. Both are printed.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// The bytes of `count` FETCH responses, each carrying a 100 KB BODY[] literal.
func bodyResponses(count: Int) -> [UInt8] {
    let body = [UInt8](repeating: 0x61, count: 100 * 1024)
    var bytes: [UInt8] = []
    for number in 1...count {
        bytes += Array("* \(number) FETCH (UID \(number) BODY[] {\(body.count)}\r\n".utf8)
        bytes += body
        bytes += Array(" FLAGS (\\Seen))\r\n".utf8)
    }
    return bytes
}

/// The bytes of `count` small `* n FETCH (UID x FLAGS (\Seen))` lines.
func smallResponses(count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for number in 1...count {
        bytes += Array("* \(number) FETCH (UID \(number + 1000) FLAGS (\\Seen))\r\n".utf8)
    }
    return bytes
}

/// Feeds `input` `rounds` times in 64 KiB chunks; returns MB/s (10^6 bytes) of CPU time in the best round.
func measure(
    _ name: String, _ input: [UInt8], rounds: Int, sink: (@Sendable (ArraySlice<UInt8>) -> Void)? = nil
) throws -> Double {
    var best = Double.infinity
    var bestWall = Double.infinity
    var responses = 0
    for _ in 0..<rounds {
        var parser = ResponseParser()
        parser.bodySink = sink
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        let elapsed = try clock.measure {
            try input.withUnsafeBytes { all in
                var start = 0
                while start < all.count {
                    let end = min(all.count, start + 65_536)
                    try parser.feed(UnsafeRawBufferPointer(rebasing: all[start..<end])) { _ in responses += 1 }
                    start = end
                }
            }
        }
        best = min(best, threadCPUSeconds() - cpuStart)
        bestWall = min(bestWall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    let megabytesPerSecond = Double(input.count) / best / 1e6
    let wallMegabytesPerSecond = Double(input.count) / bestWall / 1e6
    print(
        "\(name): \(oneDecimal(megabytesPerSecond)) MB/s CPU, \(oneDecimal(wallMegabytesPerSecond)) MB/s wall "
            + "(\(input.count) bytes, \(responses / rounds) responses per round, best of \(rounds))")
    return megabytesPerSecond
}

func oneDecimal(_ value: Double) -> String {
    String(Double(Int(value * 10)) / 10)
}

/// Optional argument: "large" or "small" runs one workload only (for profiling).
let only = CommandLine.arguments.dropFirst().first
var large = 0.0
var small = 0.0
/// Counts what a body sink receives, so the copy into each slice is paid as a real consumer would.
final class ByteCounter: @unchecked Sendable { var count = 0 }
let counter = ByteCounter()
if only != "small" {
    let bodies = bodyResponses(count: 2_000)
    large = try measure("(a) FETCH BODY[] 100 KB literals, counted only", bodies, rounds: 5)
    large = min(
        large,
        try measure("(a) FETCH BODY[] 100 KB literals, with a bodySink", bodies, rounds: 5) {
            counter.count += $0.count
        })
}
if only != "large" {
    small = try measure("(b) small FETCH (UID x FLAGS (\\Seen)) lines", smallResponses(count: 500_000), rounds: 5)
}
if only == nil {
    print(
        "targets: (a) >= 1000 MB/s \(large >= 1000 ? "met" : "MISSED"), (b) >= 150 MB/s \(small >= 150 ? "met" : "MISSED")"
    )
}
