import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fixed group of threads that runs data-parallel loops for one owner thread at a time.
///
/// The model's forward pass is a few dozen short parallel regions (a matrix product, the
/// attention heads, a layer norm…), each a fraction of a millisecond for a short query, so
/// waking threads through the OS for each one would cost as much as the work. Helpers spin
/// briefly between regions, yield to other processes while spinning, and sleep on a condition
/// variable once idle. The owner always takes part in the work, so `size == 1` runs inline.
///
/// Indices are claimed one at a time from a shared counter, and the owner waits only for
/// helpers that actually joined a region: on a busy machine a helper that is not scheduled in
/// time simply misses the region and the owner does its share, instead of both waiting.
final class ComputeTeam: @unchecked Sendable {
    /// Number of threads working on a loop, the owner included.
    let size: Int

    private struct Job {
        let count: Int
        let body: (_ index: Int, _ worker: Int) -> Void
    }

    // The job is written by the owner before it publishes a new generation (release) and read
    // by helpers after they observe it (acquire); it is never touched concurrently.
    private var job: Job?
    private let generation = Atomic<Int>(0)
    private let nextIndex = Atomic<Int>(0)
    /// Helpers working in the current region (they may hold `job`).
    private let activeHelpers = Atomic<Int>(0)
    /// Set by the owner once every index has been claimed; late helpers then stay out.
    private let closed = Atomic<Bool>(true)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private var threads: [pthread_t] = []

    /// Iterations a helper polls for the next region before it goes to sleep (a few hundred µs).
    private static let spinIterations = 200_000

    init(size: Int) {
        self.size = max(1, size)
        lock = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        for worker in 1..<self.size {
            let context = Unmanaged.passRetained(HelperContext(team: self, worker: worker)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let context = Unmanaged<HelperContext>.fromOpaque(raw!).takeRetainedValue()
                context.team.helperLoop(worker: context.worker)
                return nil
            }, context)
            precondition(status == 0, "cannot start a compute thread (\(status))")
            threads.append(thread)
        }
    }

    /// Stops and joins the helpers. Must be called before the last reference goes away, since
    /// helpers hold the team strongly while they run.
    func shutdown() {
        guard !stopping.exchange(true, ordering: .sequentiallyConsistent) else { return }
        pthread_mutex_lock(lock)
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }

    deinit {
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(lock)
        wake.deallocate()
        lock.deallocate()
    }

    /// Runs `body(index, worker)` for every index in `0..<count`, spread over the team; returns
    /// when all have finished. `worker` is in `0..<size` and unique among concurrent calls, so
    /// it can select per-thread scratch space. Only one thread may call this at a time.
    func parallel(_ count: Int, _ body: (_ index: Int, _ worker: Int) -> Void) {
        guard count > 0 else { return }
        guard size > 1, count > 1, !stopping.load(ordering: .relaxed) else {
            for index in 0..<count { body(index, 0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            job = Job(count: count, body: escapable)
            nextIndex.store(0, ordering: .relaxed)
            closed.store(false, ordering: .sequentiallyConsistent)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(lock)
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(lock)
            }
            work(on: job!, worker: 0)
            // Every index is claimed. Close the region, then wait for the helpers inside it: a
            // helper joins by incrementing `activeHelpers` before it checks `closed`, so (both
            // sequentially consistent) either the owner sees it here or it sees the region closed.
            closed.store(true, ordering: .sequentiallyConsistent)
            var spins = 0
            while activeHelpers.load(ordering: .sequentiallyConsistent) > 0 {
                spins += 1
                if spins & 255 == 0 { sched_yield() }
            }
            job = nil
        }
    }

    private func work(on job: Job, worker: Int) {
        while true {
            let index = nextIndex.add(1, ordering: .relaxed).oldValue
            if index >= job.count { return }
            job.body(index, worker)
        }
    }

    private func helperLoop(worker: Int) {
        var seen = 0
        while true {
            var spins = 0
            var current = generation.load(ordering: .acquiring)
            while current == seen {
                if stopping.load(ordering: .relaxed) { return }
                spins += 1
                if spins < Self.spinIterations {
                    if spins & 255 == 0 { sched_yield() }
                } else {
                    pthread_mutex_lock(lock)
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    while generation.load(ordering: .sequentiallyConsistent) == seen, !stopping.load(ordering: .relaxed) {
                        pthread_cond_wait(wake, lock)
                    }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    pthread_mutex_unlock(lock)
                    spins = 0
                }
                current = generation.load(ordering: .acquiring)
            }
            seen = current
            if stopping.load(ordering: .relaxed) { return }
            activeHelpers.add(1, ordering: .sequentiallyConsistent)
            // Too late for this region (or a newer one began): stay out without touching `job`.
            if !closed.load(ordering: .sequentiallyConsistent), generation.load(ordering: .sequentiallyConsistent) == current {
                work(on: job!, worker: worker)
            }
            activeHelpers.subtract(1, ordering: .sequentiallyConsistent)
        }
    }

    private final class HelperContext {
        let team: ComputeTeam
        let worker: Int
        init(team: ComputeTeam, worker: Int) {
            self.team = team
            self.worker = worker
        }
    }
}
