import Foundation
import IMAPProtocol
import XCTest

/// Server bytes recorded from the Dovecot 2.3 testbed (Fixtures/dovecot-*.txt), parsed in several chunkings.
final class ResponseParserTranscriptTests: XCTestCase {
    func transcript(_ name: String) throws -> [UInt8] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Parses `bytes` in chunks of each size and checks every chunking gives the same responses.
    func parseInChunks(_ bytes: [UInt8], keepBodies: Bool = false) throws -> [Response] {
        var reference: [Response]?
        for size in [bytes.count, 1, 7, 100, 4096] {
            var parser = ResponseParser(keepBodies: keepBodies)
            var responses: [Response] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                try parser.feed(Array(bytes[start..<end])) { responses.append($0) }
                start = end
            }
            XCTAssertTrue(parser.isAtResponseBoundary, "chunk size \(size) left a partial response")
            if let reference {
                XCTAssertEqual(responses, reference, "chunk size \(size) differs")
            } else {
                reference = responses
            }
        }
        return reference ?? []
    }

    func taggedStates(_ responses: [Response]) -> [(String, ResponseStatus)] {
        responses.compactMap {
            if case .tagged(let tagged) = $0 { return (tagged.tag, tagged.state.status) } else { return nil }
        }
    }

    func testReadOnlySession() throws {
        let responses = try parseInChunks(try transcript("dovecot-readonly-session.txt"))
        let tagged = taggedStates(responses)
        XCTAssertEqual(tagged.map(\.0), (1...23).map { "t\($0)" })
        XCTAssertEqual(tagged.filter { $0.1 == .bad }.map(\.0), ["t19", "t20", "t21"])
        var sizes: [UInt32: UInt64] = [:]
        var bodies: [UInt32: Int] = [:]
        var sawEnvelope = false
        var sawESearch = false
        var sawBinary = false
        for case .untagged(let untagged) in responses {
            switch untagged {
            case .fetch(let number, let attributes):
                for attribute in attributes {
                    switch attribute {
                    case .rfc822Size(let size): sizes[number] = size
                    case .body(.body, "", nil, let count?, nil): bodies[number] = count
                    case .body(.binary, "1", nil, let count?, nil): sawBinary = count > 0
                    case .envelope: sawEnvelope = true
                    default: break
                    }
                }
            case .esearch(let tag, true, let data): sawESearch = tag == "t18" && data["ALL"] == "1:50"
            default: break
            }
        }
        XCTAssertEqual(bodies[1].map(UInt64.init), sizes[1], "BODY[] literal length matches RFC822.SIZE")
        XCTAssertEqual(bodies[2].map(UInt64.init), sizes[2])
        XCTAssertTrue(sawEnvelope && sawESearch && sawBinary)
    }

    func testMutatingSessionKeepsMailboxViewInStep() throws {
        let responses = try parseInChunks(try transcript("dovecot-mutating-session.txt"))
        let tagged = taggedStates(responses)
        XCTAssertEqual(tagged.count, 18)
        XCTAssertTrue(tagged.allSatisfy { $0.1 == .ok })
        var view = MailboxView()
        view.reset(selecting: "INBOX", readOnly: false)
        var appendUIDs: [String] = []
        for response in responses {
            switch response {
            case .untagged(let untagged): view.apply(untagged)
            case .tagged(let completion):
                if case .appendUID(_, let uids)? = completion.state.code { appendUIDs.append(uids) }
                if let code = completion.state.code { view.apply(code: code) }
            case .continuation: break
            }
        }
        XCTAssertEqual(appendUIDs, ["51", "52"])
        XCTAssertEqual(view.exists, 51, "50 + 2 APPEND + 1 COPY - EXPUNGE - MOVE")
        XCTAssertNotNil(view.uidValidity)
        // Messages 2 (EXPUNGE) and 1 (MOVE) are gone, so message 1 is the one STORE 1:3 numbered 3.
        XCTAssertEqual(view.flags(atSequence: 1), ["\\Flagged", "\\Seen", "\\Recent"])
    }

    func testFailedLoginAndAuthenticate() throws {
        let responses = try parseInChunks(try transcript("dovecot-auth-session.txt"))
        guard
            case .tagged(let failed)? = responses.first(where: {
                if case .tagged = $0 { return true } else { return false }
            })
        else {
            return XCTFail("no tagged response")
        }
        XCTAssertEqual(failed.state.status, .no)
        XCTAssertEqual(failed.state.code, .other(name: "AUTHENTICATIONFAILED", text: nil))
        XCTAssertEqual(taggedStates(responses).map(\.1), [.no, .ok, .ok])
    }
}
