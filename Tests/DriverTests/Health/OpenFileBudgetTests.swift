import XCTest
@testable import Driver

final class OpenFileBudgetTests: XCTestCase {
    /// A socket per session, two with the embedded server in the process, plus the event loops'
    /// descriptors and the reserve; too low a limit says what to do.
    func testBudgetTable() throws {
        let reserve = OpenFileBudget.reserve
        let table: [(sessions: Int, embedded: Bool, threads: Int, limit: Int, needed: Int, enough: Bool)] = [
            (1000, false, 2, 256, 1000 + 8 + reserve, false),
            (1000, true, 4, 1_048_576, 2000 + 16 + reserve, true),
            (100, false, 1, 256, 100 + 4 + reserve, true),
            (100, false, 1, 0, 100 + 4 + reserve, true),  // unknown limit: do not refuse
        ]
        for row in table {
            let budget = OpenFileBudget(
                sessions: row.sessions, embeddedServer: row.embedded, threads: row.threads,
                limit: row.limit, hardLimit: row.limit)
            XCTAssertEqual(budget.needed, row.needed, "\(row)")
            XCTAssertEqual(budget.isEnough, row.enough, "\(row)")
            XCTAssertEqual(budget.problem == nil, row.enough, "\(row)")
        }
        let problem = try XCTUnwrap(
            OpenFileBudget(sessions: 1000, embeddedServer: false, threads: 2, limit: 256, hardLimit: 256).problem)
        XCTAssertTrue(
            problem.hasPrefix(
                "1000 sessions need about 1072 open files, but this process may open only 256 (hard limit 256)"),
            problem)
        XCTAssertTrue(problem.contains("ulimit -n 2048"), problem)
        let embedded = OpenFileBudget(sessions: 200, embeddedServer: true, threads: 4, limit: 100, hardLimit: 100)
        XCTAssertEqual(embedded.affordableSessions, 10, "(100 - 16 - 64) / 2: the reserve stays free")
        XCTAssertEqual(
            OpenFileBudget(sessions: 200, embeddedServer: false, threads: 4, limit: 50, hardLimit: 50)
                .affordableSessions, 1)
        XCTAssertEqual(
            OpenFileBudget(sessions: 200, embeddedServer: false, threads: 4, limit: 4096, hardLimit: 4096)
                .affordableSessions, 200)
    }

    /// The soft limit is raised to the hard limit before the budget is judged.
    func testRaisingReachesTheHardLimit() {
        let budget = OpenFileBudget.raisingLimit(sessions: 1, embeddedServer: false, threads: 1)
        XCTAssertEqual(budget.limit, ProcessStats.openFileLimits().hard)
    }
}
