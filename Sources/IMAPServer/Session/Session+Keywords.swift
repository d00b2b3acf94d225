extension Session {
    /// The flags every mailbox takes; keywords used in a mailbox follow them in FLAGS.
    static let systemFlagList = MessageFlags.systemNames.joined(separator: " ")

    /// Writes FLAGS and PERMANENTFLAGS when the mailbox learned keywords the client was not told
    /// about yet, so that no FETCH shows a keyword missing from FLAGS (RFC 3501 §7.2.6; imaptest
    /// counts every such FETCH as an error). Call it under the account's lock, before any FETCH
    /// response of the command.
    ///
    ///     S: * FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Label1)
    ///     S: * OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Label1 \*)] flags permitted
    func announceKeywords(_ view: inout SelectedMailbox, into writer: inout ResponseWriter) {
        guard view.mailbox.keywords.count > view.announcedKeywords else { return }
        Self.writeFlags(of: view, into: &writer)
        view.announcedKeywords = view.mailbox.keywords.count
    }

    /// FLAGS and PERMANENTFLAGS for the mailbox as it is now (SELECT, EXAMINE, new keywords).
    /// A read-only mailbox permits no permanent change (RFC 3501 §7.1, PERMANENTFLAGS).
    static func writeFlags(of view: SelectedMailbox, into writer: inout ResponseWriter) {
        var flags = systemFlagList
        for keyword in view.mailbox.keywords { flags += " " + keyword }
        writer.line("* FLAGS (\(flags))")
        if view.readOnly {
            writer.line("* OK [PERMANENTFLAGS ()] read-only mailbox")
        } else {
            writer.line("* OK [PERMANENTFLAGS (\(flags) \\*)] flags permitted")
        }
    }
}
