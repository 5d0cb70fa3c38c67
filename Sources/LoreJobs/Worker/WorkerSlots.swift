import Synchronization

/// Counts the attempts a pool is running against its concurrency.
final class WorkerSlots: Sendable {
    let capacity: Int
    private let active = Mutex(0)

    init(capacity: Int) { self.capacity = capacity }

    var free: Int { active.withLock { capacity - $0 } }
    var busy: Int { active.withLock { $0 } }
    func take() { active.withLock { $0 += 1 } }
    func release() { active.withLock { $0 -= 1 } }
}
