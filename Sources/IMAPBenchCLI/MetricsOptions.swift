import ArgumentParser
import Workload

/// `run`'s flags for the live Prometheus endpoint (see README, "Live metrics").
struct MetricsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Serve live Prometheus/OpenMetrics metrics at http://HOST:PORT/metrics during the run.",
            valueName: "host:port"))
    var metrics: String?

    @Option(
        name: .customLong("metrics-linger"),
        help: ArgumentHelp(
            "How long --metrics keeps serving after the run, so a scraper sees the final totals (default 5s; at least your scrape interval).",
            valueName: "duration"))
    var metricsLinger: String?

    /// The flags checked: nil without --metrics.
    func resolve() throws -> MetricsRequest? {
        guard let metrics else {
            if metricsLinger != nil { throw ValidationError("--metrics-linger needs --metrics HOST:PORT") }
            return nil
        }
        let address = try ConnectionOptions.address(metrics, option: "--metrics", example: "127.0.0.1:9464")
        var request = MetricsRequest(host: address.host, port: address.port)
        if let text = metricsLinger {
            guard let linger = try? DurationParser.parse(text), linger >= .zero else {
                throw ValidationError("--metrics-linger must be a duration such as 5s or 0s, got '\(text)'")
            }
            request.linger = linger
        }
        return request
    }
}

/// Where the live metrics are served, and for how long after the run.
struct MetricsRequest {
    var host: String
    var port: Int
    /// Serving goes on this long after the results are written: the last scrape must come after
    /// the final interval, or the scraped totals stop short of summary.csv's.
    var linger: Duration = .seconds(5)
}
