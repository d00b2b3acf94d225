import Foundation

/// Which accounts sessions log in as, and where their password comes from.
///
/// Passwords never need to be on the command line: they come from the profile, an
/// environment variable, or a file; `IMAPBENCH_PASSWORD`, when set, overrides them all.
public struct UsersConfiguration: Codable, Hashable, Sendable {
    /// A user name with one `%d`, replaced by each number of `range` (`user%d`).
    public var pattern: String
    /// The numbers `%d` takes, inclusive (`1-100`).
    public var range: NumberRange
    /// A file of `user:password` lines, used instead of `pattern` and `range` when set.
    public var file: String?
    /// The password for every pattern user.
    public var password: String?
    /// The name of an environment variable holding the password.
    public var passwordEnvironment: String?
    /// A file whose first line is the password.
    public var passwordFile: String?

    /// The environment variable that overrides every other password source.
    public static let passwordOverrideVariable = "IMAPBENCH_PASSWORD"
    /// The password used when nothing else provides one.
    public static let defaultPassword = "pass"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pattern, range, file, password
        case passwordEnvironment = "password_env"
        case passwordFile = "password_file"
    }

    public init(
        pattern: String = "user%d", range: NumberRange = NumberRange(1, 100), file: String? = nil,
        password: String? = nil, passwordEnvironment: String? = nil, passwordFile: String? = nil
    ) {
        self.pattern = pattern
        self.range = range
        self.file = file
        self.password = password
        self.passwordEnvironment = passwordEnvironment
        self.passwordFile = passwordFile
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pattern: try container.decodeIfPresent(String.self, forKey: .pattern) ?? "user%d",
            range: try container.decodeIfPresent(NumberRange.self, forKey: .range) ?? NumberRange(1, 100),
            file: try container.decodeIfPresent(String.self, forKey: .file),
            password: try container.decodeIfPresent(String.self, forKey: .password),
            passwordEnvironment: try container.decodeIfPresent(String.self, forKey: .passwordEnvironment),
            passwordFile: try container.decodeIfPresent(String.self, forKey: .passwordFile))
        let placeholders = pattern.components(separatedBy: "%d").count - 1
        if file == nil && placeholders != 1 && range.count > 1 {
            throw decoder.profileError(
                "users.pattern must contain exactly one %d to number \(range.count) users, found '\(pattern)'",
                key: "pattern")
        }
        if pattern.replacingOccurrences(of: "%d", with: "").contains("%") {
            throw decoder.profileError(
                "users.pattern may only contain %d as a placeholder, found '\(pattern)'", key: "pattern")
        }
    }
}
