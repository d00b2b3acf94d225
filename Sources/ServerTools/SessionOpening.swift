import Driver
import IMAPClient
import IMAPProtocol
import NIOCore

/// The one connect -> log in -> select path of the tools that drive a connection step by step
/// (the pipeline probe, the timeout probe, populate). Each step fails with a sentence that names
/// what was refused, the same sentence whichever tool took the step. (A run's sessions take the
/// same steps as events of `SessionStateMachine`, which also times and counts each of them.)
enum SessionOpening {
    /// Why a step failed, as said to the user.
    struct Failure: Error, Equatable {
        var text: String
    }

    /// TCP, TLS as configured, the greeting, and STARTTLS when asked for.
    static func connect(
        _ configuration: ConnectionConfiguration, on loop: EventLoop
    ) async -> Result<IMAPConnection, Failure> {
        do {
            return .success(try await IMAPConnection.connect(configuration, on: loop).get())
        } catch {
            return .failure(Failure(text: "connect failed: \(error)"))
        }
    }

    /// LOGIN or AUTHENTICATE PLAIN; nothing when the greeting was PREAUTH.
    static func logIn(_ connection: IMAPConnection, as credential: Credential, method: LoginMethod) async -> Failure? {
        if await connection.isPreauthenticated() { return nil }
        let record = try? await connection.login(user: credential.user, password: credential.password, method: method)
            .get()
        return refusal(record, "login as \(credential.user)")
    }

    /// SELECT `mailbox`.
    static func select(_ connection: IMAPConnection, mailbox: String) async -> Failure? {
        let record = try? await connection.send(.select(mailbox: mailbox)).get()
        return refusal(record, "SELECT \(mailbox)")
    }

    /// All three; a connection that fails a step after connecting is closed.
    static func open(
        _ configuration: ConnectionConfiguration, as credential: Credential, method: LoginMethod,
        select mailbox: String,
        on loop: EventLoop
    ) async -> Result<IMAPConnection, Failure> {
        let connection: IMAPConnection
        switch await connect(configuration, on: loop) {
        case .success(let opened): connection = opened
        case .failure(let failure): return .failure(failure)
        }
        var failure = await logIn(connection, as: credential, method: method)
        if failure == nil { failure = await select(connection, mailbox: mailbox) }
        guard let failure else { return .success(connection) }
        connection.closeAbruptly()
        return .failure(failure)
    }

    /// nil for an OK; otherwise what came back, or that nothing did.
    static func refusal(_ record: CommandRecord?, _ step: String) -> Failure? {
        guard let record else { return Failure(text: "\(step) did not complete") }
        if record.outcome == .ok { return nil }
        return Failure(text: "\(step) failed (\(record.outcome)): \(record.text)")
    }
}
