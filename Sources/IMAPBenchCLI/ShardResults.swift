import Driver
import Foundation
import Measurement
import Reporting

/// After the run of a shard that met the others at the barrier: shards 2...N send their result
/// to shard 1; shard 1 writes each shard's directory and the merged result, whose exit code is
/// the test's verdict. Without a meeting the run's own result and code stand.
///
///     <out>/                 merged result (run.json, latency.hlog, summary.csv, ...)
///     <out>/shard-1/ ... N/  each shard's own result, as it wrote it
struct ShardResults {
    let meeting: ShardMeeting?
    let request: RunRequest

    /// Where this shard's own result goes: shard 1 keeps `<out>` for the merged one.
    var ownDirectory: URL {
        guard let meeting, meeting.isCoordinator else { return request.outDirectory }
        return Self.shardDirectory(meeting.start.shard, in: request.outDirectory)
    }

    static func shardDirectory(_ shard: Int, in out: URL) -> URL {
        out.appendingPathComponent("shard-\(shard)")
    }

    /// Sends or collects; returns the exit code this process ends with.
    func conclude(ownCode: Int32) async throws -> Int32 {
        guard let meeting else { return ownCode }
        guard meeting.isCoordinator else {
            await send(meeting)
            await meeting.close()
            return ownCode
        }
        do {
            let code = try await merge(meeting)
            await meeting.close()
            return code
        } catch {
            await meeting.close()
            throw error
        }
    }

    /// Shards 2...N: their code stays their own run's, whether or not shard 1 got the files.
    private func send(_ meeting: ShardMeeting) async {
        let shard = meeting.start.shard
        do {
            var files: [String: Data] = [:]
            for name in ShardDelivery.fileNames {
                files[name] = try Data(contentsOf: request.outDirectory.appendingPathComponent(name))
            }
            try await meeting.sendResult(files: files, timeout: request.shards.resultsTimeout)
            printError("shard \(shard)/\(meeting.start.shards): result handed to shard 1")
        } catch {
            printError("imapbench: shard \(shard): \(error)")
        }
    }

    /// Shard 1: waits for the others, writes their directories, merges, judges the merge.
    private func merge(_ meeting: ShardMeeting) async throws -> Int32 {
        let count = meeting.start.shards
        printError("shard 1/\(count): waiting up to \(request.shards.resultsTimeout) for the other shards' results")
        let deliveries = await meeting.collectResults(timeout: request.shards.resultsTimeout)
        let began = ContinuousClock.now
        var runs = [try RunDirectoryReader.read(ownDirectory)]
        var missing: [Int: String] = [:]
        for (shard, delivery) in deliveries.sorted(by: { $0.key < $1.key }) {
            switch delivery {
            case .files(let files):
                do { runs.append(try store(files, shard: shard)) } catch {
                    missing[shard] = "its result could not be read: \(error)"
                }
            case .missing(let reason):
                missing[shard] = reason
            }
        }
        for warning in Merge.warnings(runs) where runs.count > 1 { printError("imapbench: warning: \(warning)") }
        let merged = try RunMerger.mergeShards(runs, missing: missing)
        // --out was checked before the run; since then only imapbench's shard directories went into it
        try RunDirectoryWriter.write(merged, to: request.outDirectory, force: true)
        let elapsed = ContinuousClock.now - began
        printSummary(merged, shards: count, missing: missing, mergeTime: elapsed)
        return RunExecution.verdict(
            merged, problems: SessionProblems(), allowLimited: request.allowLimited,
            incomplete: !missing.isEmpty)
    }

    /// A shard's files as it sent them, completed to a whole result directory; returns its run.
    private func store(_ files: [String: Data], shard: Int) throws -> RunResult {
        let directory = Self.shardDirectory(shard, in: request.outDirectory)
        // read from a staging folder, so a shard's files that do not parse leave no half directory
        let received = try StagedDirectory(directory, place: RunDirectoryWriter.place())
        defer { received.abandon() }
        for (name, data) in files where ShardDelivery.fileNames.contains(name) {
            try received.write(data, to: name)
        }
        let run = try RunDirectoryReader.read(received.stagingURL)
        try RunDirectoryWriter.write(run, to: directory)
        return run
    }

    private func printSummary(_ merged: RunResult, shards: Int, missing: [Int: String], mergeTime: Duration) {
        print("\nMerged result of \(shards - missing.count) of \(shards) shards:")
        print(SummaryTable.render(merged))
        print("Results: \(request.outDirectory.path) (each shard's own in shard-1 ... shard-\(shards))")
        let skew = merged.configuration.notes[ShardNote.startSkew] ?? "?"
        printError(
            "shards: start skew \(skew) ms; merged in \(String(format: "%.1f", Self.milliseconds(mergeTime))) ms")
        for (shard, reason) in missing.sorted(by: { $0.key < $1.key }) {
            printError("imapbench: shard \(shard) of \(shards) is MISSING from the merged result: \(reason)")
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
