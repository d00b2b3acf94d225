import Foundation
import XCTest

/// Runs the built `imapbench` executable, as a user would.
enum CLITestSupport {
    /// The folder holding the test bundle and the `imapbench` executable built beside it.
    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static func executable() throws -> URL {
        let url = productsDirectory.appendingPathComponent("imapbench")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("imapbench executable not built at \(url.path): run `swift build` first (Scripts/test does)")
        }
        return url
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("imapbench-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts the executable; `interrupt` sends `signal` (SIGINT) after that many seconds (`signals`
    /// of them, `gap` seconds apart); `openFileLimit` starts it under `ulimit -n` (soft and hard limit);
    /// `environment` adds to (or replaces in) the test's own environment.
    static func run(
        _ arguments: [String], interruptAfter interrupt: Double? = nil, signal: Int32 = SIGINT, signals: Int = 1,
        gap: Double = 0.05,
        timeout: Double = 120, openFileLimit: Int? = nil, environment: [String: String] = [:]
    ) throws -> Output {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let openFileLimit {
            process.arguments =
                ["-c", "ulimit -n \(openFileLimit) && exec \"$0\" \"$@\"", try executable().path] + arguments
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let interrupt {
            Thread.sleep(forTimeInterval: interrupt)
            for index in 0..<signals {
                if index > 0 { Thread.sleep(forTimeInterval: gap) }
                kill(process.processIdentifier, signal)
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        let outData = LockedData()
        let errData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            XCTFail("imapbench \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        group.wait()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
