import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import NIOCore

/// What populating one user did.
struct PopulateUserOutcome: Sendable {
    var mailboxes: [PopulateMailboxReport] = []
    var bytes = 0
    var failedAppends = 0
    var literalPlus = false

    /// The first mailbox problem, with its user and mailbox, for a populate that stops at the first.
    var firstProblem: String? {
        mailboxes.lazy.compactMap { report in report.problem.map { "\(report.user)/\(report.mailbox): \($0)" } }.first
    }
}

/// Populates one user's mailboxes over one connection: SELECT (CREATE when missing), count,
/// APPEND the difference with up to `pipelineDepth` in flight, then count again.
struct PopulateUserJob: Sendable {
    let credential: Credential
    let configuration: Populator.Configuration
    let connection: ConnectionConfiguration
    let source: PopulateMessageSource
    let loop: EventLoop
    let tally: PopulateTally
    let abort: PopulateAbort

    func run() async -> PopulateUserOutcome {
        var outcome = await fillUser()
        // the stop closed this user's connection: that, not the server, ended its commands
        if abort.stop != nil {
            for index in outcome.mailboxes.indices where outcome.mailboxes[index].problem != nil {
                outcome.mailboxes[index].problem = "not filled: the populate stopped"
            }
        }
        return outcome
    }

    private func fillUser() async -> PopulateUserOutcome {
        var outcome = PopulateUserOutcome()
        let session: IMAPConnection
        switch await SessionOpening.connect(connection, on: loop) {
        case .success(let opened): session = opened
        case .failure(let failure): return failed(outcome, failure.text)
        }
        guard abort.register(session) else { return failed(outcome, "not filled: the populate stopped") }
        defer {
            abort.unregister(session)
            session.closeAbruptly()
        }
        if let failure = await SessionOpening.logIn(session, as: credential, method: configuration.loginMethod) {
            return failed(outcome, failure.text)
        }
        outcome.literalPlus =
            (try? await session.eventLoop.submit { session.capabilities }.get())?
            .contains { $0.uppercased() == "LITERAL+" } ?? false
        for mailbox in configuration.populate.mailboxes {
            let report = await fill(mailbox, on: session, outcome: &outcome)
            outcome.mailboxes.append(report)
            // a broken connection (or a timed-out command: its state is unknown) is given up, LOGOUT too
            if report.problem != nil, report.after < 0 { return outcome }
        }
        _ = try? await session.send(.logout).get()
        return outcome
    }

    private func failed(_ outcome: PopulateUserOutcome, _ problem: String) -> PopulateUserOutcome {
        var outcome = outcome
        outcome.mailboxes = configuration.populate.mailboxes.map {
            PopulateMailboxReport(
                user: credential.user, mailbox: $0, created: false, before: 0, appended: 0, after: 0, problem: problem)
        }
        return outcome
    }

    /// Brings one mailbox to the target; `after` is -1 when the connection broke.
    private func fill(
        _ mailbox: String, on session: IMAPConnection, outcome: inout PopulateUserOutcome
    ) async -> PopulateMailboxReport {
        var report = PopulateMailboxReport(
            user: credential.user, mailbox: mailbox, created: false, before: 0, appended: 0, after: 0)
        guard let before = await openCounting(mailbox, on: session, report: &report) else {
            report.after = -1; return report
        }
        report.before = before
        let need = max(0, configuration.populate.messages - before)
        tally.opened(present: configuration.populate.messages - need)
        let appendResult = await append(need, to: mailbox, on: session, firstPosition: before)
        report.appended = appendResult.appended
        outcome.bytes += appendResult.bytes
        outcome.failedAppends += appendResult.failed
        if let problem = appendResult.problem { report.problem = problem }
        if appendResult.broken {
            report.after = -1
            return report
        }
        // A NOOP after the appends makes the server report the final EXISTS.
        _ = try? await session.send(.noop).get()
        report.after = await session.selectedMessageCount() ?? -1
        return report
    }

    /// SELECTs `mailbox` (creating it on NO) and returns its message count.
    private func openCounting(
        _ mailbox: String, on session: IMAPConnection, report: inout PopulateMailboxReport
    ) async -> Int? {
        var select = try? await session.send(.select(mailbox: mailbox)).get()
        if select?.outcome == .no {
            let create = try? await session.send(.create(mailbox: mailbox)).get()
            guard create?.outcome == .ok else {
                report.problem = "CREATE failed: \(create?.text ?? "no answer")"
                return nil
            }
            report.created = true
            select = try? await session.send(.select(mailbox: mailbox)).get()
        }
        guard let select, select.outcome == .ok else {
            report.problem = "SELECT failed: \(select?.text ?? "no answer")"
            return nil
        }
        return await session.selectedMessageCount()
    }
}
