import Foundation
import XCTest
@testable import Workload

final class UserSourceTests: XCTestCase {
    func testPatternAndPasswordPrecedence() throws {
        let configuration = UsersConfiguration(
            pattern: "user%d@example", range: NumberRange(3, 5), password: "secret",
            passwordEnvironment: "MY_PASS")
        let plain = try UserSource(configuration: configuration, environment: [:])
        XCTAssertEqual(plain.credentials.map(\.user), ["user3@example", "user4@example", "user5@example"])
        XCTAssertEqual(plain.credential(forSession: 4), UserCredential(user: "user4@example", password: "secret"))
        XCTAssertEqual(
            try UserSource(configuration: configuration, environment: ["MY_PASS": "fromenv"]).credentials[0].password,
            "fromenv")
        XCTAssertEqual(
            try UserSource(
                configuration: configuration,
                environment: ["MY_PASS": "fromenv", "IMAPBENCH_PASSWORD": "override"]
            ).credentials[0].password,
            "override")
        XCTAssertEqual(
            try UserSource(configuration: UsersConfiguration(), environment: [:]).credentials[0].password, "pass")
    }

    func testUsersFileAndPasswordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "imapbench-users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let usersFile = folder.appendingPathComponent("users.txt").path
        try "# comment\nalice:a:b\n\nbob:\ncarol\n".write(toFile: usersFile, atomically: true, encoding: .utf8)
        let passwordFile = folder.appendingPathComponent("password").path
        try "filepass\nignored\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let source = try UserSource(
            configuration: UsersConfiguration(file: usersFile, passwordFile: passwordFile), environment: [:])
        XCTAssertEqual(
            source.credentials,
            [
                UserCredential(user: "alice", password: "a:b"), UserCredential(user: "bob", password: ""),
                UserCredential(user: "carol", password: "filepass"),
            ])
        try ":nouser\n".write(toFile: usersFile, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try UserSource(configuration: UsersConfiguration(file: usersFile), environment: [:])) {
            error in
            XCTAssertEqual(
                (error as? ProfileError)?.description, "\(usersFile):1:1: expected user:password, found ':nouser'")
        }
    }

    func testSegmentsCoverEveryUserOnce() throws {
        let source = try UserSource(configuration: UsersConfiguration(range: NumberRange(1, 10)), environment: [:])
        let slices = (1...3).map { source.segment(Segment(index: $0, count: 3)!) }
        XCTAssertEqual(slices.map(\.count), [3, 3, 4])
        XCTAssertEqual(slices.flatMap { $0.credentials.map(\.user) }, source.credentials.map(\.user))
        let tiny = try UserSource(configuration: UsersConfiguration(range: NumberRange(1, 2)), environment: [:])
        // never one user in two slices: two machines populating one mailbox would overfill it
        XCTAssertEqual(
            (1...4).map { tiny.segment(Segment(index: $0, count: 4)!).credentials.map(\.user) },
            [[], ["user1"], [], ["user2"]])
    }

    func testSegmentSharesSumToTheWhole() throws {
        for total in [0, 1, 3, 7, 100, 1001] {
            for count in 1...9 {
                let segments = (1...count).compactMap { Segment(index: $0, count: count) }
                XCTAssertEqual(segments.map { $0.share(of: total) }.reduce(0, +), total)
                let rate = 2.5
                XCTAssertEqual(segments.map { $0.share(ofRate: rate) }.reduce(0, +), rate, accuracy: 1e-9)
                let ranges = segments.map { $0.range(of: total) }
                XCTAssertEqual(ranges.first?.lowerBound, 0)
                XCTAssertEqual(ranges.last?.upperBound, total)
                for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
            }
        }
        XCTAssertEqual(Segment.parse("2/4"), Segment(index: 2, count: 4))
        XCTAssertNil(Segment.parse("5/4"))
        XCTAssertNil(Segment.parse("0/4"))
        XCTAssertNil(Segment.parse("two"))
    }
}
