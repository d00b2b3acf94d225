import Driver
import Foundation
import ServerTools
import Workload

/// The populate a profile's `populate:` section asks for before the run.
extension RunExecution {
    /// nil when the profile has no `populate:` section or `--no-populate` skips it.
    ///
    /// Its command timeout is the run's: `plan.connection.timeouts.command`, which the run's
    /// timeout setting sets, so a server that never answers costs one timeout here too.
    func makePopulator(_ plan: RunPlan) -> Populator? {
        guard let populate = request.profile.populate else { return nil }
        if request.noPopulate {
            printError("populate: skipped (--no-populate); the mailboxes are used as they are")
            return nil
        }
        // a --segment slice fills its share of the users: N slices together fill each once
        let users = UserSource(credentials: plan.users).segment(plan.segment).credentials
        var configuration = Populator.Configuration(connection: plan.connection, credentials: users, populate: populate)
        configuration.loginMethod = plan.loginMethod
        configuration.seed = plan.seed
        // the run refuses to start after an incomplete populate: the first failure decides it
        configuration.stopAtFirstFailure = true
        return Populator(configuration: configuration)
    }

    /// Tops the users' mailboxes up; the summary when it finished, nil when a signal stopped it.
    /// Throws when it could not finish, since a run on half-filled mailboxes measures something else.
    func populate(with populator: Populator) async throws -> PopulateSummary? {
        let section = populator.configuration.populate
        printError(
            "populating \(populator.configuration.credentials.count) users up to \(section.messages) messages per mailbox "
                + "before the run (not part of --duration; --no-populate skips it; Ctrl-C stops it)")
        let printer = request.quiet ? nil : ProbeProgressPrinter(plainInterval: 5)
        let summary = try await populator.run { progress in
            printer?.show(progress.line(), milestone: progress.usersDone)
        }
        printer?.finish()
        if summary.stop == .interrupted {
            printError(
                "imapbench: populate interrupted by a signal with \(summary.inPlace) of \(summary.wanted) messages "
                    + "in place; the run did not start and wrote no results")
            return nil
        }
        printError(summary.text)
        guard summary.isComplete else {
            let reason = summary.stop?.description ?? "mailboxes short of \(section.messages) messages"
            throw CLIError(
                "populate did not finish (\(reason)); "
                    + "the run did not start. Fix the server, fill the mailboxes with `imapbench populate`, "
                    + "or run with --no-populate to use them as they are")
        }
        return summary
    }
}
