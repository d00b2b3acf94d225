import ArgumentParser
import Foundation
@testable import IMAPBenchCLI
import XCTest

final class PopulateTests: XCTestCase {
    func testFlagsOverrideTheDefaults() throws {
        let command = try Populate.parse(["--messages", "7", "--mailbox", "INBOX", "--mailbox", "Archive", "--size-median", "4KB",
                                          "--size-sigma", "0"])
        let section = try command.populateSection()
        XCTAssertEqual(section.messages, 7)
        XCTAssertEqual(section.mailboxes, ["INBOX", "Archive"])
        XCTAssertEqual(section.size.median.bytes, 4_096)
        XCTAssertEqual(section.size.sigma, 0)
    }

    func testNegativeMessagesAreRejected() throws {
        let command = try Populate.parse(["--messages=-1"])
        XCTAssertThrowsError(try command.populateSection())
    }

    func testRunAgainstTheEmbeddedServer() async throws {
        var command = try Populate.parse(["--messages", "3", "--mailbox", "Fresh", "--user-range", "1-2", "--size-median", "1KB"])
        try await command.run()  // throws ExitCode(1) unless every mailbox reached 3
    }
}
