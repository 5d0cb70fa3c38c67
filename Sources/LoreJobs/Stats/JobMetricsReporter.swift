import Logging
import Synchronization
import LoreDatabase
import ServiceLifecycle

/// Publishes queue depth, the dead count and the worker recommendation as gauges, from a
/// system-wide stats query every `interval`.
public final class JobMetricsReporter: Service, Sendable {
    let jobs: JobsService
    let interval: Duration
    let logger: Logger
    /// Label sets reported last time, so a queue that emptied reports zero, not its old depth.
    private let reported = Mutex<Set<[String]>>([])

    public init(jobs: JobsService, interval: Duration = .seconds(15), logger: Logger) {
        self.jobs = jobs
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await report()
            } catch {
                logger.debug("job metrics not updated", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }

    func report() async throws {
        let stats = try await jobs.stats(org: nil)
        var current = Set<[String]>()
        for entry in stats.depth {
            JobMetrics.depth(priority: entry.priority, kind: entry.kind, status: entry.status).record(entry.count)
            current.insert([String(entry.priority.rawValue), entry.kind, entry.status.rawValue])
        }
        let stale = reported.withLock { previous -> Set<[String]> in
            defer { previous = current }
            return previous.subtracting(current)
        }
        for labels in stale {
            if let priority = Int(labels[0]).flatMap(JobPriority.init(rawValue:)), let status = JobStatus(rawValue: labels[2]) {
                JobMetrics.depth(priority: priority, kind: labels[1], status: status).record(0)
            }
        }
        JobMetrics.dead.record(stats.deadCount)
        if let advice = stats.autoscaling { JobMetrics.recommendedWorkers.record(advice.recommendedWorkers) }
    }
}
