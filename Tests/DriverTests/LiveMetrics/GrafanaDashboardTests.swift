import Driver
import Foundation
import XCTest

/// deploy/grafana/imapbench.json parses, and its queries ask only for what `/metrics` serves.
final class GrafanaDashboardTests: XCTestCase {
    static let dashboard = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/grafana/imapbench.json")

    func testEveryExpressionNamesOnlyServedFamilies() throws {
        let expressions = try Self.expressions()
        XCTAssertGreaterThanOrEqual(expressions.count, 8, "rate, errors, p50, p99, service, sessions, health")
        let served = Set(MetricsExposition.familyNames)
        var used: Set<String> = []
        for expression in expressions {
            let names = Self.metricNames(in: expression)
            XCTAssertFalse(names.isEmpty, "no imapbench metric in \(expression)")
            for name in names {
                let family = Self.family(of: name, served: served)
                XCTAssertTrue(served.contains(family), "\(name) in \(expression) is not served by /metrics")
                used.insert(family)
            }
        }
        XCTAssertEqual(used, served, "every family served has a panel")
    }

    /// The panels the issue asks for are there, by title.
    func testPanelsCoverRateLatencyErrorsSessionsAndHealth() throws {
        let titles = try Self.panels().compactMap { $0["title"] as? String }.joined(separator: "\n")
        for word in ["Commands per second", "p50", "p99", "by outcome", "target vs connected", "Generator health"] {
            XCTAssertTrue(titles.contains(word), "no panel titled with '\(word)':\n\(titles)")
        }
    }

    private static func panels() throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any]
        return try XCTUnwrap(json?["panels"] as? [[String: Any]], "no panels in \(dashboard.path)")
    }

    /// The panels' queries, then the template variables' (`label_values(...)`).
    private static func expressions() throws -> [String] {
        let targets = try panels().flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any]
        let variables = (json?["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        let queries = variables.flatMap { variable in
            [variable["definition"] as? String, (variable["query"] as? [String: Any])?["query"] as? String].compactMap {
                $0
            }
        }
        return targets + queries
    }

    /// Every `imapbench_...` identifier in a PromQL expression.
    static func metricNames(in expression: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "imapbench_[a-z0-9_]+")
        let range = NSRange(expression.startIndex..., in: expression)
        return pattern.matches(in: expression, range: range).compactMap {
            Range($0.range, in: expression).map { String(expression[$0]) }
        }
    }

    /// A histogram's `_bucket`, `_count` and `_sum` series belong to its family.
    static func family(of name: String, served: Set<String>) -> String {
        for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if served.contains(base) { return base }
        }
        return name
    }
}
