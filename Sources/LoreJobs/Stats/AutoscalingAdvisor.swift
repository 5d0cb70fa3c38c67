/// Bounds and targets of the worker-count recommendation.
public struct AutoscalingPolicy: Sendable, Equatable, Codable {
    public var minWorkers: Int
    public var maxWorkers: Int
    /// Jobs one worker process runs at once (`lore worker --concurrency`).
    public var concurrencyPerWorker: Int
    /// The backlog should be worked off within this many seconds.
    public var targetDrainSeconds: Double
    /// Spare capacity over the measured steady load.
    public var headroom: Double
    /// Seconds of history that run times and throughput are measured over.
    public var windowSeconds: Double
    /// Run time assumed for a kind with no recent completion.
    public var defaultRunSeconds: Double

    public init(minWorkers: Int = 1, maxWorkers: Int = 16, concurrencyPerWorker: Int = 4, targetDrainSeconds: Double = 300,
                headroom: Double = 1.25, windowSeconds: Double = 900, defaultRunSeconds: Double = 1) {
        self.minWorkers = max(0, minWorkers)
        self.maxWorkers = max(self.minWorkers, maxWorkers)
        self.concurrencyPerWorker = max(1, concurrencyPerWorker)
        self.targetDrainSeconds = max(1, targetDrainSeconds)
        self.headroom = max(1, headroom)
        self.windowSeconds = max(1, windowSeconds)
        self.defaultRunSeconds = max(0.001, defaultRunSeconds)
    }

    enum CodingKeys: String, CodingKey {
        case minWorkers = "min_workers"
        case maxWorkers = "max_workers"
        case concurrencyPerWorker = "concurrency_per_worker"
        case targetDrainSeconds = "target_drain_seconds"
        case headroom
        case windowSeconds = "window_seconds"
        case defaultRunSeconds = "default_run_seconds"
    }
}

/// What one kind of job asks of the workers right now.
public struct KindLoad: Sendable, Equatable, Encodable {
    public var kind: String
    /// Jobs ready to run now (pending or retrying, due).
    public var ready: Int
    public var running: Int
    /// Completions per second over the window.
    public var completionsPerSecond: Double
    /// Mean handler run time over the window; nil when nothing completed.
    public var averageRunSeconds: Double?

    public init(kind: String, ready: Int, running: Int, completionsPerSecond: Double, averageRunSeconds: Double?) {
        self.kind = kind
        self.ready = ready
        self.running = running
        self.completionsPerSecond = completionsPerSecond
        self.averageRunSeconds = averageRunSeconds
    }

    enum CodingKeys: String, CodingKey {
        case kind, ready, running
        case completionsPerSecond = "completions_per_second"
        case averageRunSeconds = "average_run_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(ready, forKey: .ready)
        try container.encode(running, forKey: .running)
        try container.encode(completionsPerSecond, forKey: .completionsPerSecond)
        try container.encode(averageRunSeconds, forKey: .averageRunSeconds)
    }
}

/// How many worker processes the queue needs (advice only: Lore never starts machines).
public struct AutoscalingAdvice: Sendable, Equatable, Codable {
    /// Worker processes to run, within the policy's bounds.
    public var recommendedWorkers: Int
    /// Concurrent job slots the load calls for, before rounding to processes and bounding.
    public var requiredConcurrency: Int
    /// Busy worker-seconds per second needed to keep up with the measured completion rate.
    public var steadyLoad: Double
    /// Worker-seconds of queued work (ready jobs × their kinds' mean run time).
    public var backlogWorkSeconds: Double
    public var policy: AutoscalingPolicy

    enum CodingKeys: String, CodingKey {
        case recommendedWorkers = "recommended_workers"
        case requiredConcurrency = "required_concurrency"
        case steadyLoad = "steady_load"
        case backlogWorkSeconds = "backlog_work_seconds"
        case policy
    }
}

/// Queue depth and processing time per kind → a worker count (Little's law plus a drain term):
///
///     steady   = Σₖ completionsₖ/s · runₖ            (slots busy just keeping up)
///     backlog  = Σₖ readyₖ · runₖ                    (worker-seconds waiting)
///     slots    = max(Σₖ runningₖ, ⌈steady · headroom + backlog / targetDrain⌉)
///     workers  = clamp(⌈slots / concurrencyPerWorker⌉, min, max)
public enum AutoscalingAdvisor {
    public static func advise(_ loads: [KindLoad], policy: AutoscalingPolicy) -> AutoscalingAdvice {
        var steady = 0.0, backlog = 0.0, running = 0
        for load in loads {
            let run = load.averageRunSeconds ?? policy.defaultRunSeconds
            steady += load.completionsPerSecond * run
            backlog += Double(load.ready) * run
            running += load.running
        }
        let slots = max(running, Int((steady * policy.headroom + backlog / policy.targetDrainSeconds).rounded(.up)))
        let workers = (Double(slots) / Double(policy.concurrencyPerWorker)).rounded(.up)
        let bounded = min(policy.maxWorkers, max(policy.minWorkers, Int(workers)))
        return AutoscalingAdvice(recommendedWorkers: bounded, requiredConcurrency: slots, steadyLoad: steady,
                                 backlogWorkSeconds: backlog, policy: policy)
    }
}
