/// The consistency checks, each a stable ID (the `check:ID` of thresholds, the `id` column of
/// checks.csv), the RFC rule it rests on and its default severity. Results/README documents each.
///
/// A check fires only on what the model knows for certain: a contradiction within one session's
/// own stream of responses (whose order the server fixes), or between values that never change
/// (UIDVALIDITY, a message's size, date, envelope and structure, who saw it \Recent). Where another
/// session of the same user may have raced it (a concurrent STORE or EXPUNGE), a check stays
/// silent rather than guess. It assumes imapbench's sessions are the only clients of their users.
public enum CheckID: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Comparable {
    case uidChanged = "uid-changed"
    case uidNotAscending = "uid-not-ascending"
    case existsShrank = "exists-shrank"
    case expungeForbidden = "expunge-forbidden"
    case uidValidityChanged = "uidvalidity-changed"
    case uidNextDecreased = "uidnext-decreased"
    case sizeChanged = "size-changed"
    case internalDateChanged = "internaldate-changed"
    case envelopeChanged = "envelope-changed"
    case bodyStructureChanged = "bodystructure-changed"
    case bodySizeMismatch = "body-size-mismatch"
    case storeFlagsLost = "store-flags-lost"
    case keywordUnannounced = "keyword-unannounced"
    case recentTwice = "recent-twice"
    case modSeqDecreased = "modseq-decreased"
    case searchMissing = "search-missing"
    case searchExtra = "search-extra"
    case checkpointExistsDiffers = "checkpoint-exists-differs"
    case checkpointUIDsDiffer = "checkpoint-uids-differ"
    case checkpointFlagsDiffer = "checkpoint-flags-differ"

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The section of the RFC the rule is written in.
    public var rfc: String {
        switch self {
        case .uidChanged, .uidNotAscending, .uidValidityChanged, .uidNextDecreased: return "RFC 3501 §2.3.1.1"
        case .existsShrank: return "RFC 3501 §7.3.1"
        case .expungeForbidden: return "RFC 3501 §7.4.1"
        case .sizeChanged, .internalDateChanged, .envelopeChanged, .bodyStructureChanged: return "RFC 3501 §2.3"
        case .bodySizeMismatch: return "RFC 3501 §2.3.4"
        case .storeFlagsLost: return "RFC 3501 §6.4.6"
        case .keywordUnannounced: return "RFC 3501 §7.2.6"
        case .recentTwice: return "RFC 3501 §2.3.2"
        case .modSeqDecreased: return "RFC 7162 §3.1"
        case .searchMissing, .searchExtra: return "RFC 3501 §6.4.4"
        case .checkpointExistsDiffers, .checkpointUIDsDiffer, .checkpointFlagsDiffer: return "RFC 3501 §5.2, §6.1.2"
        }
    }

    /// One sentence: what the server did wrong when this check fires.
    public var summary: String {
        switch self {
        case .uidChanged:
            return "a FETCH reported a UID for a sequence number other than the one it had, with no EXPUNGE between"
        case .uidNotAscending: return "UIDs did not strictly ascend with sequence numbers"
        case .existsShrank: return "EXISTS reported fewer messages than the session knew of, without EXPUNGE"
        case .expungeForbidden:
            return "EXPUNGE arrived while only FETCH, STORE or SEARCH (by sequence number) were in progress"
        case .uidValidityChanged: return "UIDVALIDITY of a mailbox changed although it was never deleted or renamed"
        case .uidNextDecreased: return "UIDNEXT went down within one session"
        case .sizeChanged: return "RFC822.SIZE of a message changed"
        case .internalDateChanged: return "INTERNALDATE of a message changed"
        case .envelopeChanged: return "ENVELOPE of a message changed"
        case .bodyStructureChanged: return "BODYSTRUCTURE of a message changed"
        case .bodySizeMismatch: return "the length of BODY[] differs from RFC822.SIZE"
        case .storeFlagsLost:
            return
                "after STORE answered OK, the server reported flags without the change, and no other command could have undone it"
        case .keywordUnannounced: return "a keyword was used in FETCH FLAGS before a FLAGS response announced it"
        case .recentTwice: return "one message was \\Recent to two sessions"
        case .modSeqDecreased: return "a message's MODSEQ or the mailbox's HIGHESTMODSEQ went down within one session"
        case .searchMissing: return "SEARCH left out a message that matches for certain"
        case .searchExtra: return "SEARCH returned a sequence number that does not exist"
        case .checkpointExistsDiffers:
            return
                "at a checkpoint (every session of the user quiet, then NOOP or CHECK), two sessions saw different message counts"
        case .checkpointUIDsDiffer:
            return "at a checkpoint, two sessions saw different UIDs for the same sequence number"
        case .checkpointFlagsDiffer:
            return "at a checkpoint, two sessions saw different flags (\\Recent aside) on the same message"
        }
    }

    /// \Recent may be reported to more than one session where the server cannot tell (RFC 3501
    /// says SHOULD), and MODSEQ needs CONDSTORE: both warn by default; the rest are errors.
    public var defaultSeverity: CheckSeverity {
        switch self {
        case .recentTwice: return .warning
        default: return .error
        }
    }
}

/// How much a check's violation matters: errors fail `checks.violations`, warnings are counted
/// apart (`checks.warnings`), and `off` does not run the check.
public enum CheckSeverity: String, CaseIterable, Codable, Sendable, Comparable {
    public static func < (lhs: CheckSeverity, rhs: CheckSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
    case error, warning, off
}
