import IMAPProtocol
import XCTest

/// Grammar fixtures by area; each is also fed split at every byte (see `ParseFixture.check`).
final class ResponseParserTests: XCTestCase {
    func ok(_ code: ResponseCode? = nil, _ text: String) -> ResponseState {
        ResponseState(status: .ok, code: code, text: text)
    }
    func tagged(_ tag: String, _ status: ResponseStatus, _ code: ResponseCode? = nil, _ text: String) -> Response {
        .tagged(TaggedResponse(tag: tag, state: ResponseState(status: status, code: code, text: text)))
    }

    func testGreetingsAndConditions() {
        let fixtures: [ParseFixture] = [
            .init(
                "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n",
                .parsed([
                    .untagged(.condition(ok(.capability(["IMAP4rev1", "LITERAL+", "AUTH=PLAIN"]), "Dovecot ready.")))
                ])),
            .init(
                "* PREAUTH IMAP4rev1 server logged in as Smith\r\n",
                .parsed([
                    .untagged(.condition(ResponseState(status: .preauth, text: "IMAP4rev1 server logged in as Smith")))
                ])),
            .init(
                "* BYE Autologout; idle for too long\r\n",
                .parsed([.untagged(.condition(ResponseState(status: .bye, text: "Autologout; idle for too long")))])),
            .init(
                "* BAD Unknown command\r\n* NO Disk full\r\n",
                .parsed([
                    .untagged(.condition(ResponseState(status: .bad, text: "Unknown command"))),
                    .untagged(.condition(ResponseState(status: .no, text: "Disk full"))),
                ])),
            .init("* ok [alert] lower case\r\n", .parsed([.untagged(.condition(ok(.alert, "lower case")))])),
            .init("+ Ready for literal data\r\n", .parsed([.continuation("Ready for literal data")])),
            .init("+\r\n+ \r\n", .parsed([.continuation(""), .continuation("")])),
            .init("+ AHVzZXIAcGFzcw==\r\n", .parsed([.continuation("AHVzZXIAcGFzcw==")])),
            .init("* OK [CAPABILITY IMAP4rev1", .needsMoreBytes([])),
            .init("", .parsed([])),
        ]
        fixtures.forEach { $0.check() }
    }

    func testTaggedResponsesAndCodes() {
        let fixtures: [ParseFixture] = [
            .init(
                "a1 OK [READ-WRITE] SELECT completed\r\n", .parsed([tagged("a1", .ok, .readWrite, "SELECT completed")])),
            .init("a1 OK\r\n", .parsed([tagged("a1", .ok, nil, "")])),
            .init("a1 OK [READ-ONLY]\r\n", .parsed([tagged("a1", .ok, .readOnly, "")])),
            .init("a1 OK \r\n", .parsed([tagged("a1", .ok, nil, "")])),
            .init("a2 no [TRYCREATE] No such mailbox\r\n", .parsed([tagged("a2", .no, .tryCreate, "No such mailbox")])),
            .init("a3 BAD [PARSE] Bad syntax\r\n", .parsed([tagged("a3", .bad, .parse, "Bad syntax")])),
            .init(
                "a4 OK [UIDNEXT 4392] x\r\na5 OK [UIDVALIDITY 3857529045] y\r\na6 OK [UNSEEN 12] z\r\n",
                .parsed([
                    tagged("a4", .ok, .uidNext(4392), "x"), tagged("a5", .ok, .uidValidity(3_857_529_045), "y"),
                    tagged("a6", .ok, .unseen(12), "z"),
                ])),
            .init(
                "a7 OK [APPENDUID 38505 3955] APPEND completed\r\n",
                .parsed([tagged("a7", .ok, .appendUID(uidValidity: 38505, uids: "3955"), "APPEND completed")])),
            .init(
                "a8 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
                .parsed([
                    tagged(
                        "a8", .ok, .copyUID(uidValidity: 38505, source: "304,319:320", destination: "3956:3958"), "Done"
                    )
                ])),
            .init(
                "a9 OK [HIGHESTMODSEQ 715194045007] Ok\r\n",
                .parsed([tagged("a9", .ok, .highestModSeq(715_194_045_007), "Ok")])),
            .init(
                "b1 OK [CLOSED] Previous mailbox closed\r\n",
                .parsed([tagged("b1", .ok, .closed, "Previous mailbox closed")])),
            .init(
                "b2 OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
                .parsed([tagged("b2", .ok, .permanentFlags(["\\Deleted", "\\Seen", "\\*"]), "Limited")])),
            .init(
                "b3 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
                .parsed([tagged("b3", .no, .other(name: "AUTHENTICATIONFAILED", text: nil), "Authentication failed.")])),
            .init(
                "b4 NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n",
                .parsed([tagged("b4", .no, .other(name: "BADCHARSET", text: "(UTF-8 US-ASCII)"), "x")])),
            .init(
                "b5 OK [UIDNEXT abc] lenient\r\n",
                .parsed([tagged("b5", .ok, .other(name: "UIDNEXT", text: "abc"), "lenient")])),
            .init(
                "b6 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n",
                .parsed([tagged("b6", .ok, .capability(["IMAP4rev1", "IDLE"]), "Logged in")])),
            .init("#$%garbage OK fine\r\n", .parsed([tagged("#$%garbage", .ok, nil, "fine")])),
            .init("a1 MAYBE something\r\n", .rejected("OK, NO or BAD")),
            .init("a1 OK [READ-WRITE text\r\n", .rejected("\"]\"")),
            .init("a1\r\n", .rejected("a space")),
        ]
        fixtures.forEach { $0.check() }
    }

    func testUntaggedServerAndMailboxData() {
        let fixtures: [ParseFixture] = [
            .init(
                "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n",
                .parsed([.untagged(.capability(["IMAP4rev1", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"]))])),
            .init("* ENABLED CONDSTORE QRESYNC\r\n", .parsed([.untagged(.enabled(["CONDSTORE", "QRESYNC"]))])),
            .init(
                "* FLAGS (\\Answered \\Flagged $Forwarded)\r\n",
                .parsed([.untagged(.flags(["\\Answered", "\\Flagged", "$Forwarded"]))])),
            .init("* FLAGS ()\r\n", .parsed([.untagged(.flags([]))])),
            .init(
                "* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n",
                .parsed([.untagged(.list(ListEntry(attributes: ["\\Noselect"], delimiter: "/", mailbox: "~/Mail/foo")))]
                )),
            .init(
                "* LIST () NIL \"a b\" (CHILDINFO (\"SUBSCRIBED\"))\r\n",
                .parsed([.untagged(.list(ListEntry(attributes: [], delimiter: nil, mailbox: "a b")))])),
            .init(
                "* LIST (\\HasNoChildren) \".\" {5}\r\nab\"cd\r\n",
                .parsed([
                    .untagged(.list(ListEntry(attributes: ["\\HasNoChildren"], delimiter: ".", mailbox: "ab\"cd")))
                ])),
            // literal data ending like an announcement (found by fuzzing)
            .init(
                "* LIST () \"/\" {9}\r\nname{5}\r\n\r\n",
                .parsed([.untagged(.list(ListEntry(attributes: [], delimiter: "/", mailbox: "name{5}\r\n")))])),
            .init(
                "* LSUB () \"\\\\\" [Gmail]/Sent\r\n",
                .parsed([.untagged(.lsub(ListEntry(attributes: [], delimiter: "\\", mailbox: "[Gmail]/Sent")))])),
            .init(
                "* STATUS blurdybloop (MESSAGES 231 uidnext 44292)\r\n",
                .parsed([.untagged(.status(mailbox: "blurdybloop", attributes: ["MESSAGES": 231, "UIDNEXT": 44292]))])),
            .init(
                "* SEARCH 2 3 6\r\n* SEARCH\r\n* SEARCH \r\n",
                .parsed([
                    .untagged(.search([2, 3, 6], modSeq: nil)), .untagged(.search([], modSeq: nil)),
                    .untagged(.search([], modSeq: nil)),
                ])),
            .init("* SEARCH 2 5 (MODSEQ 917162500)\r\n", .parsed([.untagged(.search([2, 5], modSeq: 917_162_500))])),
            .init(
                "* ESEARCH (TAG \"t18\") UID MIN 1 MAX 50 ALL 1:50 COUNT 50\r\n",
                .parsed([
                    .untagged(
                        .esearch(
                            tag: "t18", uid: true, returnData: ["MIN": "1", "MAX": "50", "ALL": "1:50", "COUNT": "50"]))
                ])),
            .init("* ESEARCH\r\n", .parsed([.untagged(.esearch(tag: nil, uid: false, returnData: [:]))])),
            .init(
                "* 172 EXISTS\r\n* 1 RECENT\r\n* 44 EXPUNGE\r\n",
                .parsed([.untagged(.exists(172)), .untagged(.recent(1)), .untagged(.expunge(44))])),
            .init(
                "* VANISHED (EARLIER) 41,43:116,118\r\n",
                .parsed([
                    .untagged(
                        .vanished(earlier: true, uids: SequenceSet([.single(41), .range(43, 116), .single(118)])))
                ])),
            .init(
                "* VANISHED 405:*\r\n",
                .parsed([.untagged(.vanished(earlier: false, uids: SequenceSet([.range(405, nil)])))])),
            .init("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n", .parsed([.untagged(.namespace("((\"\" \"/\")) NIL NIL"))])),
            .init(
                "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n* ID NIL\r\n",
                .parsed([
                    .untagged(.id([IDField(name: "name", value: "Dovecot"), IDField(name: "version", value: nil)])),
                    .untagged(.id(nil)),
                ])),
            .init("* 3 EXPUNGED\r\n", .parsed([.untagged(.unknown(number: 3, keyword: "EXPUNGED", text: ""))])),
            .init(
                "* XAPPLEPUSHSERVICE aps-version 2\r\n",
                .parsed([.untagged(.unknown(number: nil, keyword: "XAPPLEPUSHSERVICE", text: "aps-version 2"))])),
            .init("* 12 exists\r\n", .parsed([.untagged(.exists(12))])),
            .init("* 99999999999 EXISTS\r\n", .rejected("does not fit in 32 bits")),
            .init("* STATUS INBOX (MESSAGES x)\r\n", .rejected("a STATUS value")),
            .init("* LIST (\\Noselect) \"/\r\n", .rejected("closing quote")),
        ]
        fixtures.forEach { $0.check() }
    }
}
