import Foundation
import Testing

/// `lore bench jobs` as a developer runs it, with small numbers: progress on stderr while it
/// works, both tables on stdout, the JSON report; a bad worker list is refused.
@Suite struct BenchJobsCLITests {
    @Test func reportsProgressThenThroughputAndPickupLatency() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let run = try await RemoteCLITests.local(["bench", "jobs", "--data-dir", dir.appendingPathComponent("bench").path, "--jobs", "200",
                                                  "--workers", "1,2", "--samples", "5", "--backlog", "300", "--json", "jobs.json"],
                                                 in: dir, wallClock: .seconds(300))
        #expect(run.status == 0, "\(run.stderr)")
        for line in ["throughput: 200 no-op jobs, 1 worker…", "throughput: 200 no-op jobs, 2 workers…",
                     "pickup latency: idle queue, 5 samples…", "pickup latency: critical jobs over a 300-job backlog, 5 samples…"] {
            #expect(run.stderr.contains(line), "\(run.stderr)")
        }
        #expect(run.stdout.contains("workers  jobs  seconds  jobs/s"), "\(run.stdout)")
        #expect(run.stdout.contains("idle (normal job, empty queue)"), "\(run.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("jobs.json"))) as? [String: Any]
        let throughput = try #require(report?["throughput"] as? [[String: Any]])
        #expect(throughput.map { $0["workers"] as? Int } == [1, 2])
        #expect(throughput.allSatisfy { ($0["jobsPerSecond"] as? Double ?? 0) > 0 })
        let latency = try #require(report?["latency"] as? [[String: Any]])
        #expect(latency.count == 2 && latency.allSatisfy { $0["samples"] as? Int == 5 })

        let refused = try await RemoteCLITests.local(["bench", "jobs", "--workers", "1,0"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--workers takes sizes between 1 and 256"), "\(refused.stderr)")
    }
}
