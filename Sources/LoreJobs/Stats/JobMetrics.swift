import Metrics

/// The queue's metrics (swift-metrics; Lore's Prometheus backend serves them at `/metrics`).
enum JobMetrics {
    /// Time from a job being ready (enqueued or due) to a worker claiming it.
    static func pickup(priority: JobPriority) -> Metrics.Timer {
        Metrics.Timer(label: "lore_jobs_pickup_seconds", dimensions: [("priority", priority.name)], preferredDisplayUnit: .seconds)
    }

    /// Duration of the claim statement.
    static let claimQuery = Metrics.Timer(label: "lore_jobs_claim_query_seconds", preferredDisplayUnit: .seconds)

    /// Handler run time per kind.
    static func runTime(kind: String) -> Metrics.Timer {
        Metrics.Timer(label: "lore_jobs_run_seconds", dimensions: [("kind", kind)], preferredDisplayUnit: .seconds)
    }

    /// Attempts ended, by kind and outcome (`succeeded`, `retried`, `dead`, `released`, `lease_lost`).
    static func finished(kind: String, outcome: String) -> Counter {
        Counter(label: "lore_jobs_attempts_total", dimensions: [("kind", kind), ("outcome", outcome)])
    }

    /// Jobs the rescuer took back from workers that stopped heartbeating.
    static func rescued(kind: String) -> Counter {
        Counter(label: "lore_jobs_rescued_total", dimensions: [("kind", kind)])
    }

    static func depth(priority: JobPriority, kind: String, status: JobStatus) -> Gauge {
        Gauge(label: "lore_jobs_queue_depth", dimensions: [("priority", priority.name), ("kind", kind), ("status", status.rawValue)])
    }

    static let dead = Gauge(label: "lore_jobs_dead")
    static let recommendedWorkers = Gauge(label: "lore_jobs_recommended_workers")
}
