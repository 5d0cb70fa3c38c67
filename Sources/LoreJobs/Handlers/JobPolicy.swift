import LoreCore

/// How the queue treats one kind of job.
public struct JobPolicy: Sendable, Equatable {
    /// Attempts in all, the first included. Counted when a worker claims the job.
    public var maxAttempts: Int
    /// Longest one attempt may run; the worker then cancels it and counts a retryable failure.
    public var timeout: Duration
    /// How long a claim stays valid without a heartbeat. The worker renews it every third of
    /// this while the handler runs; after a crash the job is rescued once it lapses.
    public var lease: Duration
    /// Retry `n` waits a random time in `0 … min(backoffCap, backoffBase · 2ⁿ)` (full jitter).
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// Used when the enqueuer names no priority.
    public var priority: JobPriority

    public init(maxAttempts: Int = 3, timeout: Duration = .seconds(600), lease: Duration = .seconds(30),
                backoffBase: Duration = .seconds(2), backoffCap: Duration = .seconds(600), priority: JobPriority = .normal) {
        self.maxAttempts = maxAttempts
        self.timeout = timeout
        self.lease = lease
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.priority = priority
    }

    /// The seed's defaults: three attempts, ten-minute attempts, 30 s leases, 2 s … 10 min backoff.
    public static let standard = JobPolicy()

    /// Lease length in whole seconds as stored on the job row (1 s … 1 day).
    var leaseSeconds: Int {
        let seconds = Int(lease.seconds.rounded(.up))
        return min(max(seconds, 1), 86_400)
    }
}
