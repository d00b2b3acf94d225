import XCTest

@testable import IMAPServer

/// The server through Python's imaplib, a client written by other people.
final class PythonImaplibTests: ServerTestCase {
    override func setUp() async throws {
        try XCTSkipUnless(PythonIMAPScript.isAvailable, "python3 is not installed")
    }

    func testCommandsThroughImaplib() async throws {
        let server = try await startServer()
        let result = try PythonIMAPScript.run(Self.protocolScript, arguments: [String(server.port)])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("ALL CHECKS PASSED"), result.output)
    }

    func testStartTLSAndImplicitTLSThroughImaplib() async throws {
        let server = try await startServer {
            $0.startTLS = true
            $0.tlsPort = 0
        }
        guard let certificate = server.certificatePath, let tlsPort = server.tlsPort else {
            throw XCTSkip("TLS is off: \(server.tlsUnavailableReason ?? "unknown reason")")
        }
        let result = try PythonIMAPScript.run(
            Self.tlsScript, arguments: [String(server.port), String(tlsPort), certificate])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("TLS OK"), result.output)
    }

    static let protocolScript = #"""
        import imaplib, sys
        port = int(sys.argv[1])
        def check(condition, what):
            if not condition:
                print("FAILED:", what); sys.exit(1)
        a = imaplib.IMAP4("127.0.0.1", port, timeout=5)
        check("IDLE" in a.capabilities and "LITERAL+" in a.capabilities, a.capabilities)
        check(a.login("user3", "pass")[0] == "OK", "login")
        typ, data = a.select("INBOX")
        check(typ == "OK" and data[0] == b"10", ("select", data))
        typ, data = a.fetch("1:3", "(FLAGS UID INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[1] BODY.PEEK[]<0.20>)")
        check(typ == "OK" and len([d for d in data if isinstance(d, tuple)]) >= 3, ("fetch", typ))
        typ, data = a.fetch("2", "(BODY.PEEK[])")
        typ2, size = a.fetch("2", "(RFC822.SIZE)")
        check(len(data[0][1]) == int(size[0].split(b"RFC822.SIZE ")[1].rstrip(b")")), "body size matches RFC822.SIZE")
        typ, data = a.store("1:2", "+FLAGS", "(\\Flagged)")
        check(typ == "OK" and b"\\Flagged" in data[0], ("store", data))
        typ, data = a.search(None, "FLAGGED")
        check(data[0].split()[:2] == [b"1", b"2"], ("search", data))
        typ, data = a.uid("SEARCH", "UID", "1:2")
        check(data[0] == b"1 2", ("uid search", data))
        typ, data = a.append("INBOX", "(\\Seen)", None, b"From: x@example.com\r\nSubject: from python\r\n\r\nbody\r\n")
        check(typ == "OK" and b"APPENDUID" in data[0], ("append", data))
        typ, data = a.search(None, 'SUBJECT "from python"')
        check(data[0] == b"11", ("search appended", data))
        check(a.copy("1:2", "Archive")[0] == "OK", "copy")
        typ, data = a.uid("MOVE", "3", "Trash")
        check(typ == "OK", ("move", typ, data))
        b = imaplib.IMAP4("127.0.0.1", port, timeout=5)
        b.login("user3", "pass")
        b.select("INBOX")
        a.store("1", "+FLAGS", "(\\Deleted)")
        typ, data = a.expunge()
        check(data[-1] == b"1", ("expunge", data))  # imaplib also keeps the EXPUNGE of the MOVE
        typ, data = b.noop()
        check(b.untagged_responses.get("EXPUNGE") == [b"1"], ("second session expunge", b.untagged_responses))
        # IDLE by hand: imaplib has no IDLE before Python 3.14.
        tag = b._new_tag()
        b.send(tag + b" IDLE\r\n")
        check(b.readline().startswith(b"+"), "idle continuation")
        a.store("2", "+FLAGS", "(\\Answered)")
        line = b.readline()
        check(b"FETCH" in line and b"\\Answered" in line, ("idle notification", line))
        b.send(b"DONE\r\n")
        while True:
            line = b.readline()
            if line.startswith(tag):
                check(b"OK" in line, ("idle done", line)); break
        typ, data = a.status("Archive", "(MESSAGES UIDNEXT)")
        check(b"MESSAGES 4" in data[0], ("status", data))
        a.logout(); b.logout()
        print("ALL CHECKS PASSED")
        """#

    static let tlsScript = #"""
        import imaplib, ssl, sys
        port, tls_port, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        context = ssl.create_default_context(cafile=ca)
        plain = imaplib.IMAP4("127.0.0.1", port, timeout=5)
        assert "STARTTLS" in plain.capabilities, plain.capabilities
        plain.starttls(ssl_context=context)
        assert plain.login("user1", "pass")[0] == "OK"
        assert plain.select("INBOX")[0] == "OK"
        plain.logout()
        secure = imaplib.IMAP4_SSL("localhost", tls_port, ssl_context=context, timeout=5)
        assert secure.login("user2", "pass")[0] == "OK"
        secure.select("INBOX")
        typ, data = secure.fetch("1", "(BODY.PEEK[])")
        assert typ == "OK" and len(data[0][1]) > 100
        secure.logout()
        print("TLS OK")
        """#
}
