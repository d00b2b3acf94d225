import XCTest
@testable import Workload

final class MessageSynthesizerTests: XCTestCase {
    /// Splits a message into header lines and body at the first empty line.
    private func split(_ message: [UInt8]) -> (headers: [String], body: [UInt8])? {
        let crlfcrlf: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<(message.count - 3)).first(where: { Array(message[$0..<($0 + 4)]) == crlfcrlf }) else {
            return nil
        }
        let headerText = String(decoding: message[0..<end], as: UTF8.self)
        return (headerText.components(separatedBy: "\r\n"), Array(message[(end + 4)...]))
    }

    private func header(_ name: String, in headers: [String]) -> String? {
        headers.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }.map {
            String($0.dropFirst(name.count + 1)).trimmingWhitespace()
        }
    }

    func testMessagesAreWellFormedWithCRLFOnly() throws {
        let sizes = SizeDistribution(median: ByteSize(8_000), sigma: 1.5, min: ByteSize(500), max: ByteSize(200_000))
        var synthesizer = MessageSynthesizer(seed: 1, sizes: sizes)
        for _ in 0..<150 {
            let message = synthesizer.nextMessage()
            for (index, byte) in message.enumerated() where byte == 10 {
                XCTAssertTrue(index > 0 && message[index - 1] == 13, "bare LF at \(index)")
            }
            for (index, byte) in message.enumerated() where byte == 13 {
                XCTAssertTrue(index + 1 < message.count && message[index + 1] == 10, "bare CR at \(index)")
            }
            XCTAssertTrue(message.allSatisfy { $0 < 128 }, "7-bit only")
            let (headers, body) = try XCTUnwrap(split(message))
            for name in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"] {
                XCTAssertNotNil(header(name, in: headers), "missing \(name)")
            }
            XCTAssertFalse(body.isEmpty)
            XCTAssertEqual(Array(message.suffix(2)), [13, 10])
            let contentType = try XCTUnwrap(header("Content-Type", in: headers))
            if contentType.hasPrefix("multipart/") {
                let boundary = try XCTUnwrap(contentType.components(separatedBy: "boundary=\"").last?.dropLast())
                let bodyText = String(decoding: body, as: UTF8.self)
                XCTAssertTrue(bodyText.contains("--\(boundary)\r\n"))
                XCTAssertTrue(bodyText.hasSuffix("--\(boundary)--\r\n"), "closing boundary")
            }
        }
    }

    func testMessageIDsAreUniqueAndStructuresVary() throws {
        var ids = Set<String>()
        var types = Set<String>()
        for seed in [UInt64(1), 2] {
            let sizes = SizeDistribution(median: ByteSize(4_000), sigma: 1, min: ByteSize(500), max: ByteSize(100_000))
            var synthesizer = MessageSynthesizer(seed: seed, sizes: sizes)
            for _ in 0..<500 {
                let (headers, _) = try XCTUnwrap(split(synthesizer.nextMessage()))
                let id = try XCTUnwrap(header("Message-ID", in: headers))
                XCTAssertTrue(ids.insert(id).inserted, "duplicate \(id)")
                types.insert(String(try XCTUnwrap(header("Content-Type", in: headers)).prefix { $0 != ";" }))
            }
        }
        XCTAssertEqual(types, ["text/plain", "multipart/alternative", "multipart/mixed"])
    }

    func testSizesFollowTheRequest() {
        var synthesizer = MessageSynthesizer(seed: 3)
        var rng = SeededRandom(seed: 3)
        for size in [2_000, 20_000, 100_000, 1_000_000] {
            let message = synthesizer.message(size: size, using: &rng)
            XCTAssertEqual(Double(message.count), Double(size), accuracy: Double(size) * 0.03 + 200, "size \(size)")
        }
    }

    func testDeterministicForASeed() {
        var first = MessageSynthesizer(seed: 99)
        var second = MessageSynthesizer(seed: 99)
        for _ in 0..<20 { XCTAssertEqual(first.nextMessage(), second.nextMessage()) }
    }

    func testDatesAreFormattedAsRFC5322() {
        XCTAssertEqual(RFC5322Date.format(unixSeconds: 0), "Thu, 01 Jan 1970 00:00:00 +0000")
        XCTAssertEqual(RFC5322Date.format(unixSeconds: 1_709_294_709), "Fri, 01 Mar 2024 12:05:09 +0000")
    }

    func testMboxReaderYieldsMessagesInTurn() throws {
        let mbox =
            "From a@example.com Mon Jan  1 00:00:00 2024\nSubject: one\n\nHello\n>From the start\n\n"
            + "From b@example.com Mon Jan  1 00:00:01 2024\nSubject: two\n\nBye\n"
        var reader = try MboxReader(bytes: Array(mbox.utf8), source: "test.mbox")
        XCTAssertEqual(reader.count, 2)
        XCTAssertEqual(
            String(decoding: reader.next(), as: UTF8.self), "Subject: one\r\n\r\nHello\r\nFrom the start\r\n")
        XCTAssertEqual(String(decoding: reader.next(), as: UTF8.self), "Subject: two\r\n\r\nBye\r\n")
        XCTAssertEqual(String(decoding: reader.next(), as: UTF8.self).prefix(12), "Subject: one")
        XCTAssertThrowsError(try MboxReader(bytes: Array("no separator".utf8), source: "x"))
    }
}
