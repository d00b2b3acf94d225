import IMAPProtocol
import ArgumentParser
import Dispatch
import Foundation
import IMAPServer

/// `imapbench serve`: runs the embedded in-memory IMAP server until SIGINT or SIGTERM.
public struct Serve: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the embedded in-memory IMAP server (loopback only) as a benchmark target.",
        discussion: """
            Users are user1..userN, all with one password; each has INBOX and the folders Sent, Drafts,
            Archive and Trash, filled with synthetic messages (plain and multipart, hundreds of bytes to MB).

            Examples:
              imapbench serve
              imapbench serve --port 10143 --tls-port 10993 --users 500 --messages 200
              imapbench serve --delay 5ms --delay FETCH=uniform:1ms-20ms --serial
              imapbench serve --autologout notauth=5s,auth=30s,idle=60s,mode=bye
              imapbench serve --fault bye=0.01 --fault drop=0.001 --stall 30s:2s
              imapbench serve --stall-on-signal 2s      (then: kill -USR1 <pid>)

            Spec grammars:
              duration  number unit, unit one of ns us ms s m h (5ms, 1.5s)
              --delay   [COMMAND=]DIST, DIST = duration | const:duration | uniform:duration-duration | exp:duration
              --autologout  key=duration,... with keys notauth auth selected idle, and mode=bye|close
              --fault   kind=probability, kind one of bye disconnect malformed drop drop-after-login,
                        or a consistency fault: lose-flags change-uid shrink-exists change-uidvalidity
                        wrong-size unannounced-keyword miss-expunge search-miss recent-twice
              --stall   at:duration (stop answering at `at` after start, for `duration`)
            """)

    @Option(help: "Port of the plain IMAP listener (STARTTLS offered); 0 picks a free port. Example: --port 10143")
    var port = 10143

    @Option(
        help:
            "Port of an implicit-TLS (IMAPS) listener; off when not given; 0 picks a free port. Example: --tls-port 10993"
    )
    var tlsPort: Int?

    @Option(help: "Number of users, named user1..userN. Example: --users 100")
    var users = 100

    @Option(
        help:
            "File whose first line is the password of every user (default: pass). Example: --password-file ./password.txt"
    )
    var passwordFile: String?

    @Option(help: "Messages in each INBOX (other folders get a fifth). Example: --messages 50")
    var messages = 50

    @Option(
        name: .customLong("delay"),
        help:
            "Delay before each tagged response: [COMMAND=]5ms | uniform:1ms-5ms | exp:2ms; repeatable. Example: --delay FETCH=uniform:1ms-5ms",
        transform: DelaySpec.parse)
    var delays: [DelaySpec] = []

    @Option(
        help:
            "Inactivity logout per state, with BYE or a silent close. Example: --autologout notauth=5s,auth=10s,selected=10s,idle=20s,mode=bye",
        transform: AutologoutSpec.parse)
    var autologout: AutologoutSpec?

    @Option(
        name: .customLong("fault"),
        help:
            "Inject a fault with a probability: bye, disconnect, malformed, drop, drop-after-login, or a consistency fault (lose-flags, change-uid, shrink-exists, change-uidvalidity, wrong-size, unannounced-keyword, miss-expunge, search-miss, recent-twice); repeatable. Example: --fault bye=0.01",
        transform: FaultSpec.parse)
    var faults: [FaultSpec] = []

    @Option(
        name: .customLong("stall"),
        help: "Stop answering at a time after start for a duration; repeatable. Example: --stall 10s:2s",
        transform: StallSpec.parse)
    var stalls: [StallSpec] = []

    @Option(
        help:
            "Stall for this long each time the process receives SIGUSR1. Example: --stall-on-signal 2s (then kill -USR1 <pid>)",
        transform: DurationText.parse)
    var stallOnSignal: Duration?

    @Flag(help: "Process pipelined commands one at a time per connection instead of concurrently. Example: --serial")
    var serial = false

    @Option(
        name: .customLong("withhold-capability"),
        help: """
            Leave a capability out of CAPABILITY, to imitate a server without it (repeatable). \
            Example: --withhold-capability ID
            """)
    var withheldCapabilities: [String] = []

    @Flag(
        help: """
            Busy-wait the last 300 us of every --delay instead of sleeping through it, so a delay ends \
            within microseconds of its target even where sleeping threads wake late (virtual machines). \
            Costs up to 300 us of CPU per delayed command. Example: --delay 5ms --precise-delays
            """)
    var preciseDelays = false

    @Option(help: "Seed of the synthetic mailboxes, delays and faults. Example: --seed 42")
    var seed: UInt64 = 1

    @Option(help: "Event loop threads (default: all cores). Example: --threads 4")
    var threads: Int?

    public init() {}

    public mutating func run() async throws {
        let server = try await EmbeddedIMAPServer.start(try makeConfiguration())
        print(startupLines(server).joined(separator: "\n"))
        fflush(nil)  // all streams: scripts read the port lines through a pipe
        let stallSource = stallOnSignal.map { duration in Self.stallOnUSR1(server, duration: duration) }
        defer { stallSource?.cancel() }
        let signal = await TerminationSignal.wait()
        print("imapbench serve: signal \(signal), stopping")
        try await server.stop()
    }

    /// Values that would bind a wrapped port or serve nobody are refused before anything starts.
    public func validate() throws {
        for (name, value) in [("--port", Optional(port)), ("--tls-port", tlsPort)] {
            if let value, !(0...65535).contains(value) {
                throw ValidationError("\(name) must be 0...65535 (0 picks a free port), got \(value)")
            }
        }
        guard users >= 1 else { throw ValidationError("--users must be at least 1, got \(users)") }
        guard messages >= 0 else { throw ValidationError("--messages must be 0 or more, got \(messages)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// The server configuration these options describe.
    func makeConfiguration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = port
        configuration.tlsPort = tlsPort
        configuration.users = users
        configuration.password = try readPassword()
        configuration.messagesPerMailbox = messages
        configuration.delays = delays
        configuration.autologout = autologout ?? AutologoutSpec()
        configuration.faults = faults
        configuration.stalls = stalls
        configuration.serialProcessing = serial
        configuration.withheldCapabilities = Set(withheldCapabilities.map { $0.uppercased() })
        configuration.preciseDelays = preciseDelays
        configuration.seed = seed
        if let threads { configuration.threads = threads }
        return configuration
    }

    private func readPassword() throws -> String {
        guard let passwordFile else { return ServerConfiguration().password }
        guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
            let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
        else { throw ValidationError("cannot read a password from the first line of \(passwordFile)") }
        return String(line)
    }

    /// Makes SIGUSR1 start a stall of `duration` (a stall "on a signal" for manual experiments).
    private static func stallOnUSR1(_ server: EmbeddedIMAPServer, duration: Duration) -> DispatchSourceSignal {
        signal(SIGUSR1, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGUSR1, queue: .global())
        source.setEventHandler { server.stall(for: duration) }
        source.resume()
        return source
    }

    /// One line per listener, as scripts wait for them.
    func startupLines(_ server: EmbeddedIMAPServer) -> [String] {
        let startTLS = server.certificatePath != nil ? " (STARTTLS)" : ""
        var listeners = "IMAP on 127.0.0.1:\(server.port)\(startTLS)"
        if let tlsPort = server.tlsPort { listeners += ", IMAPS on 127.0.0.1:\(tlsPort)" }
        let password = passwordFile.map { "password from \($0)" } ?? "password \(ServerConfiguration().password)"
        var lines = ["imapbench serve: \(listeners), users user1..user\(users), \(password)"]
        if let certificate = server.certificatePath {
            lines.append("imapbench serve: TLS certificate (CA file) \(certificate)")
        }
        if let reason = server.tlsUnavailableReason { lines.append("imapbench serve: \(reason)") }
        return lines
    }
}

/// Waits for SIGINT or SIGTERM with dispatch signal sources (no work in a signal handler).
private final class TerminationSignal: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    /// Only touched on `queue`.
    private var continuation: CheckedContinuation<Int32, Never>?
    private let queue = DispatchQueue(label: "imapbench.serve.signals")

    static func wait() async -> Int32 {
        let waiter = TerminationSignal()
        return await withCheckedContinuation { continuation in
            waiter.queue.sync { waiter.install(continuation) }
        }
    }

    private func install(_ continuation: CheckedContinuation<Int32, Never>) {
        self.continuation = continuation
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                self.continuation?.resume(returning: number)
                self.continuation = nil
                sources.forEach { $0.cancel() }
            }
            source.resume()
            sources.append(source)
        }
    }
}
