import ArgumentParser
import Driver
import Foundation
import ServerTools
import Workload

/// `imapbench populate`: fills users' mailboxes up to N messages each, through APPEND.
public struct Populate: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "populate",
        abstract: "Fill users' mailboxes through APPEND up to N messages each (tops up, never duplicates).",
        discussion: """
            Each mailbox is selected (created when missing) and topped up to --messages with \
            synthetic RFC 5322 messages (log-normal sizes, plain and multipart, attachments) or with \
            messages taken in turn from --mbox. APPENDs are pipelined; LITERAL+ is used when offered. \
            With a PROFILE, its populate: section gives the defaults.
            Example: imapbench populate --server 127.0.0.1:143 --user-range 1-50 --messages 500 --mailbox INBOX --mailbox Archive
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Optional profile whose populate: section gives the defaults.")
    var profile: String?

    @Option(help: "Messages each mailbox is topped up to.")
    var messages: Int?

    @Option(name: .customLong("mailbox"), help: "Mailbox to fill (repeatable; created when missing). Default INBOX.")
    var mailboxes: [String] = []

    @Option(help: "Append messages from this mbox file, in turn, instead of synthetic ones.")
    var mbox: String?

    @Option(name: .customLong("size-median"), help: "Median size of synthetic messages, e.g. 20KB.")
    var sizeMedian: String?

    @Option(name: .customLong("size-sigma"), help: "Spread of synthetic sizes (sigma of ln size); 0 = all the median.")
    var sizeSigma: Double?

    @Option(help: "APPENDs in flight per connection.")
    var pipeline = 8

    @Option(help: "Users filled at the same time.")
    var parallel = 4

    @Option(help: "Seed of the synthetic messages.")
    var seed: UInt64 = 1

    public init() {}

    public func run() async throws {
        do {
            let loaded = try profile.map { try ProfileLoader.resolve($0) }
            if let mbox { try InputFileCheck.readable(mbox, named: "--mbox") }
            if var checked = loaded {
                if let mbox { checked.populate?.mbox = mbox }  // --mbox replaces the profile's
                if let problem = Validate.missingFile(checked) { throw CLIError("\(profile ?? ""): \(problem)") }
            }
            let target = try await ProbeTarget.resolve(connection, profileUsers: loaded?.users)
            var configuration = Populator.Configuration(
                connection: target.connection, credentials: target.credentials,
                populate: try populateSection(profile: loaded))
            configuration.loginMethod = target.loginMethod
            configuration.pipelineDepth = pipeline
            configuration.concurrentUsers = parallel
            configuration.seed = seed
            let printer = ProbeProgressPrinter(plainInterval: 5)
            let populator = Populator(configuration: configuration)
            // SIGINT/SIGTERM close the connections and end the populate at once, with what it did
            let signals = StopSignal { _ in populator.stop() }
            signals.install()
            defer { signals.uninstall() }
            let summary = try await populator.run { progress in
                printer.show(progress.line(), milestone: progress.usersDone)
            }
            printer.finish()
            await target.stop()
            print(summary.text)
            if summary.stop == .interrupted { throw ExitCode(ExitCodes.interrupted) }
            if !summary.isComplete { throw ExitCode(ExitCodes.failure) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }

    /// The profile's populate: section (or the defaults), overridden by the flags.
    func populateSection(profile: Profile? = nil) throws -> PopulateConfiguration {
        var section = profile?.populate ?? PopulateConfiguration()
        if let messages {
            guard messages >= 0 else { throw CLIError("--messages must not be negative") }
            section.messages = messages
        }
        if !mailboxes.isEmpty { section.mailboxes = mailboxes }
        if let mbox { section.mbox = mbox }
        if let sizeMedian {
            guard let size = ByteSize.parse(sizeMedian) else {
                throw CLIError("--size-median must be a size like 20KB")
            }
            section.size.median = size
            section.size.min = min(section.size.min, size)
            section.size.max = max(section.size.max, size)
        }
        if let sizeSigma {
            guard (0...5).contains(sizeSigma) else { throw CLIError("--size-sigma must be between 0 and 5") }
            section.size.sigma = sizeSigma
        }
        return section
    }
}
