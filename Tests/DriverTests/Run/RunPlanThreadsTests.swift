import XCTest
@testable import Driver
@testable import Workload

/// The default number of event loops: enough for the commands that can be in flight, never more
/// than the cores, so a light load does not pay for waking every core on each response.
final class RunPlanThreadsTests: XCTestCase {
    func testALightLoadGetsOneLoop() {
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 10, pipelineDepth: 1, cores: 8), 1)  // imaptest-default
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 64, pipelineDepth: 1, cores: 8), 1)
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 0, pipelineDepth: 0, cores: 8), 1)
    }

    func testEverySixtyFourInFlightAddALoopUpToTheCores() {
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 65, pipelineDepth: 1, cores: 8), 2)
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 20, pipelineDepth: 4, cores: 8), 2)
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 32, pipelineDepth: 16, cores: 8), 8)  // pipeline-max
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 32, pipelineDepth: 16, cores: 2), 2)
        XCTAssertEqual(RunPlan.defaultThreads(sessions: 19_000, pipelineDepth: 1, cores: 0), 1)
    }

    func testThePlanUsesTheDefaultUnlessThreadsAreGiven() throws {
        var profile = try ProfileLoader.builtin(named: "imaptest-default")
        profile.load.sessions = 10
        let plan = try RunPlan(
            profileName: "t", resolved: profile, overrides: RunOverrides(), host: "127.0.0.1", port: 1)
        XCTAssertEqual(plan.threads, 1)
        var overrides = RunOverrides()
        overrides.threads = 3
        let given = try RunPlan(profileName: "t", resolved: profile, overrides: overrides, host: "127.0.0.1", port: 1)
        XCTAssertEqual(given.threads, 3)
    }
}
