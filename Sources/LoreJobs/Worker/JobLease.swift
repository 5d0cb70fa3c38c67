import Synchronization

/// Why a running attempt is stopped from outside its handler.
enum JobInterruption: Sendable, Equatable {
    /// Another party owns the job now (rescued after a missed heartbeat, or cancelled).
    case leaseLost
    /// The attempt ran longer than its kind's timeout.
    case timedOut
    /// The worker is shutting down and the deadline passed.
    case shutdown
}

/// One attempt a worker holds: its lease key, the signal that interrupts it, and whether the
/// handler already completed it inside its own transaction.
final class JobLease: Sendable {
    let key: LeaseKey
    let leaseSeconds: Int
    let interruption = OneShot<JobInterruption>()
    private let completedInTransaction = Mutex(false)
    private let lastRenewal: Mutex<ContinuousClock.Instant>

    init(key: LeaseKey, leaseSeconds: Int) {
        self.key = key
        self.leaseSeconds = leaseSeconds
        self.lastRenewal = Mutex(ContinuousClock.now)
    }

    /// True when a third of the lease has passed since the claim or the last renewal.
    func needsRenewal(at now: ContinuousClock.Instant) -> Bool {
        now - lastRenewal.withLock { $0 } >= .milliseconds(leaseSeconds * 1000 / 3)
    }

    func renewed(at instant: ContinuousClock.Instant) { lastRenewal.withLock { $0 = instant } }

    func markCompleted() { completedInTransaction.withLock { $0 = true } }
    var isCompleted: Bool { completedInTransaction.withLock { $0 } }
}

/// The attempts a worker currently holds (for heartbeats and shutdown).
final class RunningJobs: Sendable {
    private let leases = Mutex<[JobID: JobLease]>([:])

    func add(_ lease: JobLease) { leases.withLock { $0[lease.key.id] = lease } }
    func remove(_ id: JobID) { leases.withLock { _ = $0.removeValue(forKey: id) } }
    func snapshot() -> [JobLease] { leases.withLock { Array($0.values) } }
    func contains(_ lease: JobLease) -> Bool { leases.withLock { $0[lease.key.id] === lease } }
    var count: Int { leases.withLock { $0.count } }

    func interruptAll(_ reason: JobInterruption) {
        for lease in snapshot() { lease.interruption.fire(reason) }
    }
}
