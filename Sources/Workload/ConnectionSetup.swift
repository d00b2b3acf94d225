import IMAPProtocol

/// The profile's `connection:` section: how each session connects and what it does right after
/// logging in. (Where to connect, timeouts and pipelining are IMAPClient's `ConnectionConfiguration`.)
public struct ConnectionSetup: Codable, Hashable, Sendable {
    public var tls: TLSMode
    public var login: LoginMethod
    /// Capabilities to ENABLE after login (`CONDSTORE`, `QRESYNC`, `UTF8=ACCEPT`); empty sends nothing.
    public var enable: [String]
    /// Whether to send ID after login and with which fields.
    public var id: IDSetting
    /// The mailbox opened after login.
    public var mailbox: String
    /// SELECT, EXAMINE (read-only) or stay in the authenticated state.
    public var open: MailboxOpenMode

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tls, login, enable, id, mailbox, open
    }

    public init(
        tls: TLSMode = .none, login: LoginMethod = .login, enable: [String] = [], id: IDSetting = .off,
        mailbox: String = "INBOX", open: MailboxOpenMode = .select
    ) {
        self.tls = tls
        self.login = login
        self.enable = enable
        self.id = id
        self.mailbox = mailbox
        self.open = open
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tls: try container.decodeIfPresent(TLSMode.self, forKey: .tls) ?? .none,
            login: try container.decodeIfPresent(LoginMethod.self, forKey: .login) ?? .login,
            enable: try container.decodeIfPresent([String].self, forKey: .enable) ?? [],
            id: try container.decodeIfPresent(IDSetting.self, forKey: .id) ?? .off,
            mailbox: try container.decodeIfPresent(String.self, forKey: .mailbox) ?? "INBOX",
            open: try container.decodeIfPresent(MailboxOpenMode.self, forKey: .open) ?? .select)
        if mailbox.isEmpty && open != .none {
            throw decoder.profileError("connection.mailbox must not be empty", key: "mailbox")
        }
    }
}

/// `tls: none | starttls | implicit` (IMAPProtocol's `TLSMode`, whose raw values are these words).
extension TLSMode: ProfileChoice {
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}

/// `login: login | plain` (IMAPProtocol's `LoginMethod`, whose raw values are these words).
extension LoginMethod: ProfileChoice {
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}

/// What a session does with `connection.mailbox` after login.
public enum MailboxOpenMode: String, ProfileChoice {
    case select, examine, none
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}

/// The ID command (RFC 2971): off, on with imapbench's own fields, or with given fields.
///
/// Written `id: false`, `id: true`, or `id: {name: Thunderbird, version: "115"}`.
public enum IDSetting: Codable, Hashable, Sendable {
    case off
    case standard
    case fields([String: String])

    /// The fields to send, or nil when no ID is sent.
    public var fields: [IDField]? {
        switch self {
        case .off: return nil
        case .standard: return [IDField(name: "name", value: "imapbench"), IDField(name: "version", value: "1")]
        case .fields(let values):
            return values.sorted { $0.key < $1.key }.map { IDField(name: $0.key, value: $0.value) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .standard : .off
        } else if let values = try? container.decode([String: String].self) {
            self = .fields(values)
        } else {
            throw decoder.profileError("\(decoder.profilePath) must be true, false, or a mapping of ID fields to text")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .off: try container.encode(false)
        case .standard: try container.encode(true)
        case .fields(let values): try container.encode(values)
        }
    }
}
