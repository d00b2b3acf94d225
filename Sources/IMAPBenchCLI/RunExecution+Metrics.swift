import Driver
import Foundation
import Measurement
import Workload

/// The live metrics endpoint of one run: started before anything else, fed by the collector,
/// kept a little after the results are written.
struct RunMetricsEndpoint {
    let metrics: LiveMetrics
    let server: MetricsServer
    let request: MetricsRequest

    /// Binds the endpoint; a port in use (or a host not on this machine) stops the run before it starts.
    static func start(_ request: MetricsRequest?, runID: String, shard: String) async throws -> RunMetricsEndpoint? {
        guard let request else { return nil }
        let metrics = LiveMetrics(runID: runID, shard: shard)
        let server: MetricsServer
        do { server = try await MetricsServer.start(host: request.host, port: request.port, metrics: metrics) } catch {
            throw CLIError(String(describing: error))
        }
        printError("imapbench: live metrics at http://\(request.host):\(server.port)/metrics")
        return RunMetricsEndpoint(metrics: metrics, server: server, request: request)
    }

    /// From now on every interval the collector stores shows in the scrape.
    func attach(to collector: RunCollector, targetSessions: Int) {
        metrics.setTargetSessions(targetSessions)
        collector.observer = metrics
    }

    /// Serves the final totals for `--metrics-linger`, then stops. Ctrl-C (or SIGTERM) ends the
    /// wait at once with the run's own exit code: the results are written by now, and the run
    /// itself was not interrupted. A plain handler that exits, since a dispatch signal source made
    /// again after the run's was cancelled never fires on Linux.
    func lingerAndStop(signals: StopSignal, exitCode: Int32) async {
        let linger = request.linger
        if linger > .zero {
            printError(
                "imapbench: serving the final metrics for \(DurationParser.format(linger)) more (--metrics-linger; Ctrl-C ends it)"
            )
            fflush(nil)
            signals.uninstall()
            lingerExitCode = exitCode
            signal(SIGINT) { _ in _exit(lingerExitCode) }
            signal(SIGTERM) { _ in _exit(lingerExitCode) }
            try? await Task.sleep(for: linger)
        }
        await server.stop()
    }
}

/// The exit code a signal during the linger ends the process with (read by a C signal handler,
/// which can capture nothing); set once, before the handlers are installed.
nonisolated(unsafe) private var lingerExitCode: Int32 = 0
