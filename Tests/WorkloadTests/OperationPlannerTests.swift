import IMAPProtocol
import XCTest
@testable import Workload

final class OperationPlannerTests: XCTestCase {
    private func operation(_ yaml: String) throws -> ProfileOperation {
        try ProfileLoader.load(yaml: "operations:\n  - \(yaml)\n", source: "test.yaml").operations[0]
    }

    private func planner() throws -> OperationPlanner {
        OperationPlanner(profile: try ProfileLoader.builtin(named: "smoke"), user: "user7", session: 3)
    }

    /// Every sequence number a set names, given the mailbox size (for `*`).
    private func numbers(_ set: SequenceSet, exists: UInt32) -> [UInt32] {
        set.elements.flatMap { element -> [UInt32] in
            switch element {
            case .single(let n): return [n]
            case .range(let first, let last): return Array(first...(last ?? exists))
            case .last: return [exists]
            }
        }
    }

    func testNeverExceedsExists() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        let operations = try [
            operation("{type: fetch, messages: {random: 5}}"), operation("{type: fetch, messages: {newest: 50}}"),
            operation("{type: fetch, messages: all}"), operation("{type: store, messages: {random: 40}}"),
            operation("{type: fetch_body, section: HEADER}"), operation("{type: copy}"),
        ]
        for exists in [UInt32(1), 2, 3, 10, 37] {
            for operation in operations {
                for _ in 0..<200 {
                    let facts = MailboxSnapshot(exists: exists)
                    guard case .send(let command) = planner.plan(operation, facts: facts, using: &rng) else {
                        return XCTFail("\(operation.type) on \(exists) messages was not sent")
                    }
                    let set: SequenceSet
                    switch command {
                    case .fetch(let s, _, _), .store(let s, _, _, _, _), .copy(let s, _, _): set = s
                    default: return XCTFail("unexpected \(command)")
                    }
                    let named = numbers(set, exists: exists)
                    XCTAssertFalse(named.isEmpty)
                    XCTAssertTrue(named.allSatisfy { $0 >= 1 && $0 <= exists }, "\(set.wireText) with exists \(exists)")
                    XCTAssertEqual(Set(named).count, named.count, "duplicates in \(set.wireText)")
                }
            }
        }
    }

    func testSkipsOnEmptyMailboxOrNoneSelected() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        for type in ["fetch", "fetch_body", "store", "copy", "move"] {
            XCTAssertEqual(
                planner.plan(try operation("{type: \(type)}"), facts: MailboxSnapshot(exists: 0), using: &rng),
                .skip(reason: OperationPlanner.SkipReason.mailboxEmpty), type)
        }
        XCTAssertEqual(
            planner.plan(try operation("{type: search}"), facts: MailboxSnapshot(selectedMailbox: nil), using: &rng),
            .skip(reason: OperationPlanner.SkipReason.noMailboxSelected))
        XCTAssertEqual(
            planner.plan(
                try operation("{type: raw, template: 'FETCH {seq} FLAGS'}"),
                facts: MailboxSnapshot(exists: 0), using: &rng),
            .skip(reason: OperationPlanner.SkipReason.mailboxEmpty))
        // Operations that do not need messages are still sent on an empty mailbox.
        XCTAssertEqual(
            planner.plan(
                try operation("{type: search, criteria: UNSEEN}"), facts: MailboxSnapshot(exists: 0), using: &rng),
            .send(.search(criteria: "UNSEEN", uid: false)))
    }

    /// fetch_body's item is translated once, at load; an operation changed afterwards plans its new item.
    func testAFetchBodyChangedAfterLoadPlansItsNewSection() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        let facts = MailboxSnapshot(exists: 3, uids: [10, 20, 30])
        var fetch = try operation("{type: fetch_body, section: HEADER, messages: all}")
        fetch.section = "TEXT"
        fetch.peek = false
        fetch.partial = NumberRange(0, 9)
        XCTAssertEqual(
            planner.plan(fetch, facts: facts, using: &rng),
            .send(.fetch(.range(1, 3), items: [.bodySection(section: "TEXT", peek: false, partial: 0...9)], uid: false))
        )
    }

    func testCommandsCarryTheirParameters() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        let facts = MailboxSnapshot(exists: 3, uids: [10, 20, 30])
        XCTAssertEqual(
            planner.plan(
                try operation(
                    "{type: fetch, items: [flags, envelope, 'BODY.PEEK[HEADER]'], messages: {newest: 2}, uid: true}"),
                facts: facts, using: &rng),
            .send(.fetch(.range(20, 30), items: [.flags, .envelope, .raw("BODY.PEEK[HEADER]")], uid: true)))
        XCTAssertEqual(
            planner.plan(
                try operation("{type: fetch_body, section: TEXT, partial: 0-1023, messages: all}"),
                facts: facts, using: &rng),
            .send(
                .fetch(.range(1, 3), items: [.bodySection(section: "TEXT", peek: true, partial: 0...1023)], uid: false))
        )
        XCTAssertEqual(
            planner.plan(
                try operation(
                    "{type: store, action: remove, flags: ['\\Flagged'], silent: true, messages: {uids: '20'}}"),
                facts: facts, using: &rng),
            .send(.store(.single(20), .remove, flags: ["\\Flagged"], silent: true, uid: true)))
        XCTAssertEqual(
            planner.plan(try operation("{type: status}"), facts: facts, using: &rng),
            .send(.status(mailbox: "INBOX", items: [.messages, .unseen, .uidNext])))
        XCTAssertEqual(
            planner.plan(
                try operation("{type: idle, duration: 5m, end_on_new_mail: false}"), facts: facts, using: &rng),
            .idle(duration: .seconds(300), endOnNewMail: false))
        XCTAssertEqual(
            planner.plan(try operation("{type: list}"), facts: facts, using: &rng),
            .send(.list(reference: "", pattern: "*")))
        XCTAssertEqual(
            planner.plan(try operation("{type: select, mailbox: Archive}"), facts: facts, using: &rng),
            .send(.select(mailbox: "Archive")))
    }

    func testAppendSendsASyntheticMessageOfTheDrawnSize() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 4)
        let step = planner.plan(
            try operation("{type: append, flags: ['\\Seen'], size: {median: 10KB, sigma: 0, min: 1KB, max: 1MB}}"),
            facts: MailboxSnapshot(exists: 0), using: &rng)
        guard case .send(.append(let mailbox, let flags, _, let message)) = step else { return XCTFail("\(step)") }
        XCTAssertEqual(mailbox, "INBOX")
        XCTAssertEqual(flags, ["\\Seen"])
        XCTAssertEqual(Double(message.count), 10_240, accuracy: 300)
    }

    func testMailboxChangesUseSessionPrefixAndDelimiter() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        let facts = MailboxSnapshot(exists: 0, hierarchyDelimiter: ".")
        XCTAssertEqual(
            planner.plan(try operation("{type: delete}"), facts: facts, using: &rng),
            .skip(reason: OperationPlanner.SkipReason.nothingCreated))
        guard
            case .send(.create(let created)) = planner.plan(try operation("{type: create}"), facts: facts, using: &rng)
        else {
            return XCTFail("create not sent")
        }
        XCTAssertTrue(created.hasPrefix("imapbench-s3."), created)
        guard
            case .send(.rename(let from, let to)) = planner.plan(
                try operation("{type: rename}"), facts: facts, using: &rng)
        else {
            return XCTFail("rename not sent")
        }
        XCTAssertEqual(from, created)
        XCTAssertNotEqual(to, created)
        XCTAssertEqual(
            planner.plan(try operation("{type: delete}"), facts: facts, using: &rng), .send(.delete(mailbox: to)))
        let flat = MailboxSnapshot(exists: 0, hierarchyDelimiter: nil)
        guard
            case .send(.create(let flatName)) = planner.plan(try operation("{type: create}"), facts: flat, using: &rng)
        else {
            return XCTFail("create not sent")
        }
        XCTAssertTrue(flatName.hasPrefix("imapbench-s3-m"), flatName)
    }

    func testRawTemplatePlaceholders() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 1)
        let facts = MailboxSnapshot(exists: 1, uids: [99])
        let step = planner.plan(
            try operation("{type: raw, template: 'UID FETCH {uid} (FLAGS) {seq} {mailbox} {user}'}"),
            facts: facts, using: &rng)
        XCTAssertEqual(step, PlannedStep.send(.raw("UID FETCH 99 (FLAGS) 1 INBOX user7")))
    }

    func testSameSeedSamePlans() throws {
        let profile = try ProfileLoader.builtin(named: "webmail")
        func plans(seed: UInt64) -> [PlannedStep] {
            var planner = OperationPlanner(profile: profile, user: "user1", session: 0)
            var rng = SeededRandom(seed: seed).derived(stream: 5)
            let choice = WeightedChoice(operations: profile.operations)!
            let facts = MailboxSnapshot(exists: 500, uids: Array(1...500))
            return (0..<300).map { _ in planner.plan(choice.pick(using: &rng), facts: facts, using: &rng) }
        }
        XCTAssertEqual(plans(seed: 77), plans(seed: 77))
        XCTAssertNotEqual(plans(seed: 77), plans(seed: 78))
    }

    func testDistinctSampleAndCompress() {
        var rng = SeededRandom(seed: 8)
        for _ in 0..<500 {
            let sample = OperationPlanner.distinctSample(count: 7, from: 9, using: &rng)
            XCTAssertEqual(sample.count, 7)
            XCTAssertEqual(Set(sample).count, 7)
            XCTAssertTrue(sample.allSatisfy { (1...9).contains($0) })
        }
        XCTAssertEqual(OperationPlanner.compress([1, 2, 3, 5, 8, 9]).wireText, "1:3,5,8:9")
    }

    private struct FetchNotSent: Error {}

    /// The items of `times` planned FETCHes; throws (failing the test) when one was not sent.
    private func fetchedItems(
        _ fetch: ProfileOperation, times: Int, exists: UInt32, planner: inout OperationPlanner,
        rng: inout SeededRandom
    ) throws -> [[FetchItem]] {
        var all: [[FetchItem]] = []
        for _ in 0..<times {
            guard
                case .send(.fetch(_, let items, _)) = planner.plan(
                    fetch, facts: MailboxSnapshot(exists: exists), using: &rng)
            else { throw FetchNotSent() }
            all.append(items)
        }
        return all
    }

    /// `random_items` draws `count` distinct items of `from` for each command, after the fixed
    /// `items`, in `from`'s order; over many commands every count in the range and every item turns up.
    func testRandomItemsAreDrawnAfreshForEachCommand() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 5)
        let fetch = try operation(
            "{type: fetch, items: [uid], random_items: {count: 1-3, from: [flags, envelope, rfc822.size, body]}}")
        let order: [FetchItem] = [.flags, .envelope, .rfc822Size, .body]
        var counts = Set<Int>()
        var seen = Set<FetchItem>()
        for items in try fetchedItems(fetch, times: 400, exists: 9, planner: &planner, rng: &rng) {
            XCTAssertEqual(items.first, .uid)
            let drawn = Array(items.dropFirst())
            XCTAssertEqual(Set(drawn).count, drawn.count, "duplicates in \(drawn)")
            XCTAssertEqual(drawn, order.filter(drawn.contains), "not in from's order: \(drawn)")
            counts.insert(drawn.count)
            seen.formUnion(drawn)
        }
        XCTAssertEqual(counts, [1, 2, 3])
        XCTAssertEqual(seen, Set(order))
    }

    /// Without `items`, a fetch with `random_items` sends only what it draws (not the default
    /// FLAGS UID); `count: 1` draws exactly one.
    func testRandomItemsAloneSendOnlyTheDraw() throws {
        var planner = try planner()
        var rng = SeededRandom(seed: 9)
        let fetch = try operation("{type: fetch, random_items: {count: 1, from: ['BODY.PEEK[]', 'BODY.PEEK[TEXT]']}}")
        var seen = Set<FetchItem>()
        for items in try fetchedItems(fetch, times: 100, exists: 3, planner: &planner, rng: &rng) {
            XCTAssertEqual(items.count, 1)
            seen.formUnion(items)
        }
        XCTAssertEqual(seen, [.raw("BODY.PEEK[]"), .raw("BODY.PEEK[TEXT]")])
    }
}
