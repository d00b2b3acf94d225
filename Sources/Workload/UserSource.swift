import IMAPProtocol
import Foundation

/// One account a session logs in as.
public struct UserCredential: Hashable, Sendable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// The accounts of a run, from a `user%d` pattern and range or from a users file, with the
/// password resolved once (see `UsersConfiguration` for the order of precedence).
public struct UserSource: Sendable {
    public let credentials: [UserCredential]

    public init(credentials: [UserCredential]) {
        self.credentials = credentials
    }

    /// Builds the list; reads files now so that a bad file fails before any connection.
    public init(
        configuration: UsersConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(ProfileError)
    {
        let override = environment[UsersConfiguration.passwordOverrideVariable]
        var password = override ?? ""
        if override == nil { password = try Self.profilePassword(configuration, environment: environment) }
        if let file = configuration.file {
            credentials = try Self.readUsersFile(file, override: override, fallback: password)
        } else {
            let range = configuration.range
            credentials = (range.lower...range.upper).map { number in
                UserCredential(
                    user: configuration.pattern.replacingPlaceholder("%d", with: String(number)), password: password)
            }
        }
    }

    public var count: Int { credentials.count }

    /// The account of session `index` (0-based), wrapping around when sessions outnumber users.
    public func credential(forSession index: Int) -> UserCredential {
        credentials[((index % credentials.count) + credentials.count) % credentials.count]
    }

    /// This source's slice for `--segment`: consecutive, disjoint, together every user once, so
    /// N slices that each populate their own slice never fill one mailbox twice. With fewer users
    /// than slices some slices get none. (Sessions do not use this: they keep their whole-test
    /// index and its user, see `RunContext.credential`.)
    public func segment(_ segment: Segment) -> UserSource {
        UserSource(credentials: Array(credentials[segment.range(of: credentials.count)]))
    }

    private static func profilePassword(
        _ configuration: UsersConfiguration, environment: [String: String]
    )
        throws(ProfileError) -> String
    {
        if let name = configuration.passwordEnvironment, let value = environment[name] { return value }
        if let file = configuration.passwordFile {
            let text = try readFile(file)
            let password =
                text.split(separator: "\n", omittingEmptySubsequences: false).first.map { $0.trimmingWhitespace() }
                ?? ""
            // an empty first line is a mistake, not an empty password (serve refuses it too)
            guard !password.isEmpty else {
                throw ProfileError(file: file, line: 1, column: 1, message: "the password file's first line is empty")
            }
            return password
        }
        return configuration.password ?? UsersConfiguration.defaultPassword
    }

    private static func readUsersFile(
        _ path: String, override: String?, fallback: String
    ) throws(ProfileError)
        -> [UserCredential]
    {
        var credentials: [UserCredential] = []
        for (number, rawLine) in try readFile(path).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard !parts[0].isEmpty else {
                throw ProfileError(
                    file: path, line: number + 1, column: 1, message: "expected user:password, found '\(line)'")
            }
            let password = parts.count > 1 ? String(parts[1]) : fallback
            credentials.append(UserCredential(user: String(parts[0]), password: override ?? password))
        }
        if credentials.isEmpty {
            throw ProfileError(file: path, line: 0, column: 0, message: "the users file lists no users")
        }
        return credentials
    }

    private static func readFile(_ path: String) throws(ProfileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProfileError(
                file: path, line: 0, column: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
    }
}
