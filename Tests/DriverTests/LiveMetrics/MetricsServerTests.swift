import Driver
import Foundation
import XCTest

/// The endpoint over a real loopback socket, as Prometheus reaches it.
final class MetricsServerTests: XCTestCase {
    func testGetMetricsServesTheScrapeWithItsContentType() async throws {
        let metrics = LiveMetrics(runID: "r1", shard: "1/1")
        metrics.observe(
            MetricsExpositionTests.record(.hold, [(MetricsExpositionTests.response("NOOP"), [50])]), late: false)
        let server = try await MetricsServer.start(host: "127.0.0.1", port: 0, metrics: metrics)
        let plain = try await HTTPTestClient.get(port: server.port, path: "/metrics")
        XCTAssertEqual(plain.status, 200)
        XCTAssertEqual(plain.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        XCTAssertEqual(plain.body, metrics.render(.prometheus))
        XCTAssertEqual(MetricsSample.parse(plain.body).value("imapbench_commands_total", ["command": "NOOP"]), 1)
        let open = try await HTTPTestClient.get(
            port: server.port, path: "/metrics?x=1",
            accept: "application/openmetrics-text;version=1.0.0,text/plain;q=0.5")
        XCTAssertEqual(open.status, 200)
        XCTAssertEqual(open.headers["content-type"], "application/openmetrics-text; version=1.0.0; charset=utf-8")
        XCTAssertTrue(open.body.hasSuffix("# EOF\n"))
        await server.stop()
    }

    func testOtherPathsAreNotFoundAndOtherMethodsNotAllowed() async throws {
        let server = try await MetricsServer.start(
            host: "127.0.0.1", port: 0, metrics: LiveMetrics(runID: "r", shard: "1/1"))
        let root = try await HTTPTestClient.get(port: server.port, path: "/")
        XCTAssertEqual(root.status, 404)
        XCTAssertTrue(root.body.contains("/metrics"), "the 404 says where the metrics are: \(root.body)")
        let near = try await HTTPTestClient.get(port: server.port, path: "/metricsx")
        XCTAssertEqual(near.status, 404)
        let post = try await HTTPTestClient.get(port: server.port, path: "/metrics", method: "POST")
        XCTAssertEqual(post.status, 405)
        await server.stop()
    }

    /// A port in use fails the bind with words a person can act on, not NIO's `bind(descriptor:...)`.
    func testPortInUseIsAClearError() async throws {
        let first = try await MetricsServer.start(
            host: "127.0.0.1", port: 0, metrics: LiveMetrics(runID: "r", shard: "1/1"))
        do {
            let second = try await MetricsServer.start(
                host: "127.0.0.1", port: first.port, metrics: LiveMetrics(runID: "r", shard: "1/1"))
            await second.stop()
            XCTFail("a second endpoint on port \(first.port) should not bind")
        } catch let error as MetricsServerError {
            XCTAssertEqual(
                error.description,
                "--metrics: cannot listen on 127.0.0.1:\(first.port): the port is in use by another process; choose another port with --metrics HOST:PORT"
            )
        }
        await first.stop()
    }

    func testAnAddressNotOfThisMachineIsAClearError() async throws {
        do {
            let server = try await MetricsServer.start(
                host: "192.0.2.1", port: 0, metrics: LiveMetrics(runID: "r", shard: "1/1"))
            await server.stop()
            XCTFail("192.0.2.1 (TEST-NET-1) is not this machine's")
        } catch let error as MetricsServerError {
            XCTAssertTrue(error.description.contains("not one of this machine's"), error.description)
        }
    }
}
