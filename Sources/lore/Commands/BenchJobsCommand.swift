import ArgumentParser
import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs

/// `lore bench jobs`: queue throughput and pickup latency on a scratch database.
struct BenchJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Job queue benchmark: no-op jobs per second by worker count; pickup latency at idle and under backlog.",
        discussion: """
            Runs in a scratch data directory with its own embedded PostgreSQL (or --data-dir). \
            Throughput: --jobs no-op jobs are queued, then a worker pool of each --workers size \
            claims and completes them all; jobs/s counts until the last completion is written. \
            Latency: the time from the enqueue call to the handler's start, for jobs enqueued one \
            by one into an idle pool, and for critical jobs enqueued while the pool works off a \
            backlog of normal ones. Goal: ≥ 2,000 jobs/s on 2 cores, p99 pickup ≤ 50 ms at idle.
            """)

    @Option(name: .customLong("data-dir"), help: "Scratch data directory (default: a new temporary folder, removed afterwards).")
    var dataDirectory: String?

    @Option(help: "No-op jobs per throughput run.")
    var jobs = 20_000

    @Option(help: "Worker pool sizes to measure, comma-separated.")
    var workers = "1,2,8"

    @Option(help: "Latency samples per scenario.")
    var samples = 200

    @Option(help: "Normal-priority backlog for the latency-under-backlog scenario.")
    var backlog = 40_000

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    struct ThroughputRow: Codable {
        var workers: Int
        var jobs: Int
        var seconds: Double
        var jobsPerSecond: Double
    }

    struct LatencyRow: Codable {
        var scenario: String
        var samples: Int
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var maxMilliseconds: Double
    }

    struct Report: Codable {
        var benchmark = "jobs"
        var cores: Int
        var throughput: [ThroughputRow]
        var latency: [LatencyRow]
    }

    func run() async throws {
        try await reportingLoreErrors {
            let sizes = try workers.split(separator: ",").map { text -> Int in
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), (1...256).contains(n) else {
                    throw LoreError(.invalidArgument, "--workers takes sizes between 1 and 256, e.g. 1,2,8")
                }
                return n
            }
            guard jobs > 0, samples > 0, backlog > 0 else { throw LoreError(.invalidArgument, "--jobs, --samples and --backlog must be positive") }
            let report = try await ScratchRuntime.with(dataDirectory) { runtime in
                try await Runner(runtime: runtime, jobs: jobs, samples: samples, backlog: backlog).run(sizes: sizes)
            }
            print(TextTable.render([["workers", "jobs", "seconds", "jobs/s"]] + report.throughput.map {
                ["\($0.workers)", "\($0.jobs)", String(format: "%.2f", $0.seconds), String(format: "%.0f", $0.jobsPerSecond)]
            }))
            print("")
            print(TextTable.render([["pickup latency", "samples", "p50 ms", "p99 ms", "max ms"]] + report.latency.map {
                [$0.scenario, "\($0.samples)", String(format: "%.1f", $0.p50Milliseconds), String(format: "%.1f", $0.p99Milliseconds),
                 String(format: "%.1f", $0.maxMilliseconds)]
            }))
            print("\n(\(report.cores) cores; PostgreSQL and the workers share them)")
            if let json { try writeJSON(report, to: json) }
        }
    }

    /// The measurements, on one runtime.
    struct Runner: Sendable {
        let runtime: LoreRuntime
        let jobs: Int
        let samples: Int
        let backlog: Int
        let recorder = StartRecorder()

        var database: Database { runtime.database }
        var queue: JobQueue { JobQueue(database: database, registry: BenchJobKinds.registry()) }
        var registry: JobRegistry { BenchJobKinds.registry(recorder: recorder) }

        func run(sizes: [Int]) async throws -> Report {
            let org = try await runtime.organizations.create(name: "Bench \(UUID().uuidString.prefix(6))", slug: nil, tier: .free, actor: "bench").organization.id
            var throughput: [ThroughputRow] = []
            for size in sizes {
                PipelineBenchmark.progress("throughput: \(jobs) no-op jobs, \(size) worker\(size == 1 ? "" : "s")…")
                try await clear()
                try await enqueue(jobs, org: org, priority: .normal)
                let seconds = try await withPool(concurrency: size) { _ in
                    let started = ContinuousClock.now
                    try await waitUntilSucceeded(jobs)
                    return (ContinuousClock.now - started).seconds
                }
                throughput.append(ThroughputRow(workers: size, jobs: jobs, seconds: seconds, jobsPerSecond: Double(jobs) / seconds))
                PipelineBenchmark.progress("  \(String(format: "%.0f", Double(jobs) / seconds)) jobs/s")
            }
            PipelineBenchmark.progress("pickup latency: idle queue, \(samples) samples…")
            try await clear()
            let idle = try await withPool(concurrency: 2) { _ in
                try await Task.sleep(for: .milliseconds(500))
                return try await probe(org: org, priority: .normal)
            }
            PipelineBenchmark.progress("pickup latency: critical jobs over a \(backlog)-job backlog, \(samples) samples…")
            try await clear()
            try await enqueue(backlog, org: org, priority: .normal)
            let (busy, remaining) = try await withPool(concurrency: 8) { _ in
                try await Task.sleep(for: .milliseconds(300))
                let latencies = try await probe(org: org, priority: .critical)
                let left = try await database.serviceStatement("SELECT count(*)::int FROM lore.jobs WHERE status = 'pending'").first?.decode(Int.self) ?? 0
                return (latencies, left)
            }
            try await clear()
            return Report(cores: ProcessInfo.processInfo.activeProcessorCount, throughput: throughput, latency: [
                Self.row("idle (normal job, empty queue)", idle),
                Self.row("critical job over a \(backlog)-job backlog (\(remaining) still queued at the end)", busy),
            ])
        }

        static func row(_ scenario: String, _ values: [Double]) -> LatencyRow {
            LatencyRow(scenario: scenario, samples: values.count, p50Milliseconds: (Percentiles.of(values, 50) ?? 0) * 1000,
                       p99Milliseconds: (Percentiles.of(values, 99) ?? 0) * 1000, maxMilliseconds: (values.max() ?? 0) * 1000)
        }

        /// Enqueues jobs one at a time, 20 ms apart, and measures enqueue call to handler start.
        func probe(org: OrgID, priority: JobPriority) async throws -> [Double] {
            var latencies: [Double] = []
            for _ in 0..<samples {
                let sent = ContinuousClock.now
                guard let id = try await queue.enqueue(NoopJob.self, .init(), org: org, priority: priority) else { continue }
                let deadline = sent + .seconds(30)
                while recorder.start(of: id) == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .microseconds(500))
                }
                if let started = recorder.start(of: id) { latencies.append((started - sent).seconds) }
                try await Task.sleep(for: .milliseconds(20))
            }
            return latencies
        }

        func enqueue(_ count: Int, org: OrgID, priority: JobPriority) async throws {
            var left = count
            while left > 0 {
                let batch = min(left, 5_000)
                try await queue.enqueueBatch(NoopJob.self, Array(repeating: NoopJob.Payload(), count: batch), org: org, priority: priority)
                left -= batch
            }
        }

        func waitUntilSucceeded(_ count: Int) async throws {
            while recorder.count < count { try await Task.sleep(for: .milliseconds(2)) }
            while try await database.serviceStatement("SELECT count(*)::int FROM lore.jobs WHERE status = 'succeeded'").first?.decode(Int.self) ?? 0 < count {
                try await Task.sleep(for: .milliseconds(2))
            }
        }

        func clear() async throws {
            _ = try await database.serviceStatement("DELETE FROM lore.jobs")
            _ = try await database.serviceStatement("VACUUM ANALYZE lore.jobs")
            recorder.reset()
        }

        /// Runs `body` while a pool of `concurrency` workers runs, then stops the pool.
        func withPool<T: Sendable>(concurrency: Int, _ body: @Sendable (WorkerPool) async throws -> T) async throws -> T {
            let pool = WorkerPool(database: database, registry: registry,
                                  configuration: WorkerConfiguration(concurrency: concurrency, shutdownDeadline: .seconds(5)),
                                  logger: runtime.logger)
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await pool.run()
                    return nil
                }
                do {
                    let value = try await body(pool)
                    pool.stop()
                    try await group.waitForAll()
                    return value
                } catch {
                    group.cancelAll()
                    throw error
                }
            }
        }
    }
}
