import IMAPProtocol
import XCTest

/// One parser fixture with one of three outcomes, checked whole and split at every byte position.
struct ParseFixture {
    enum Outcome {
        /// Every byte consumed into these responses, nothing left over.
        case parsed([Response])
        /// These responses, then a partial one waiting for more bytes.
        case needsMoreBytes([Response])
        /// Rejected with a reason containing this text (responses before the error may be emitted).
        case rejected(String)
    }

    var input: [UInt8]
    var outcome: Outcome
    var limits = ResponseParser.Limits()
    var keepBodies = false
    var file: StaticString = #filePath
    var line: UInt = #line

    init(
        _ input: String, _ outcome: Outcome, limits: ResponseParser.Limits = .init(), keepBodies: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        self.input = Array(input.utf8)
        self.outcome = outcome
        self.limits = limits
        self.keepBodies = keepBodies
        self.file = file
        self.line = line
    }
}

/// What feeding some chunks produced; compared between chunkings.
struct ParseRun: Equatable {
    var responses: [Response] = []
    var error: ResponseParserError?
    var atBoundary = true

    init(_ chunks: [ArraySlice<UInt8>], limits: ResponseParser.Limits, keepBodies: Bool) {
        var parser = ResponseParser(limits: limits, keepBodies: keepBodies)
        do {
            for chunk in chunks {
                try parser.feed(Array(chunk)) { responses.append($0) }
            }
        } catch let failure as ResponseParserError {
            error = failure
        } catch {
            XCTFail("unexpected error \(error)")
        }
        atBoundary = parser.isAtResponseBoundary
    }
}

extension ParseFixture {
    /// Checks the outcome, then that every two-way split and byte-by-byte feeding give the same run.
    func check() {
        let whole = ParseRun([input[...]], limits: limits, keepBodies: keepBodies)
        switch outcome {
        case .parsed(let expected):
            XCTAssertNil(whole.error, "unexpected \(String(describing: whole.error))", file: file, line: line)
            XCTAssertEqual(whole.responses, expected, file: file, line: line)
            XCTAssertTrue(whole.atBoundary, "bytes left over", file: file, line: line)
        case .needsMoreBytes(let expected):
            XCTAssertNil(whole.error, "unexpected \(String(describing: whole.error))", file: file, line: line)
            XCTAssertEqual(whole.responses, expected, file: file, line: line)
            XCTAssertFalse(whole.atBoundary, "expected a partial response", file: file, line: line)
        case .rejected(let reason):
            XCTAssertNotNil(whole.error, "expected a rejection containing \"\(reason)\"", file: file, line: line)
            XCTAssertTrue(
                whole.error?.reason.contains(reason) ?? false,
                "\(String(describing: whole.error)) lacks \"\(reason)\"", file: file, line: line)
        }
        for split in 0...input.count {
            let run = ParseRun([input[..<split], input[split...]], limits: limits, keepBodies: keepBodies)
            XCTAssertEqual(run, whole, "split at byte \(split) differs", file: file, line: line)
            if run != whole { return }
        }
        let byteByByte = ParseRun(input.map { [$0][...] }, limits: limits, keepBodies: keepBodies)
        XCTAssertEqual(byteByByte, whole, "byte-by-byte feeding differs", file: file, line: line)
    }
}
