import Logging
import LoreCore
import Synchronization

/// Writes successful completions in batches: whatever finished while the previous write was
/// in flight goes in the next one. One statement per batch instead of one per job, and no
/// added delay when the queue is quiet.
final class CompletionBatcher: Sendable {
    private struct State {
        var queue: [JobLease] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let wake = WakeSignal()
    private let drained = OneShot<Void>()
    let store: JobStore
    let running: RunningJobs
    let logger: Logger

    init(store: JobStore, running: RunningJobs, logger: Logger) {
        self.store = store
        self.running = running
        self.logger = logger
    }

    /// Queues a finished attempt; it stays in `running` (and heartbeated) until written.
    func submit(_ lease: JobLease) {
        state.withLock { $0.queue.append(lease) }
        wake.signal()
    }

    /// No more submissions: `run` writes what is queued, then returns.
    func close() {
        state.withLock { $0.closed = true }
        wake.signal()
    }

    /// Resolves once `run` has written everything after `close`.
    func waitUntilDrained() async { _ = await drained.wait() }

    func run() async {
        var failures = 0
        while true {
            let (batch, closed) = state.withLock { state -> ([JobLease], Bool) in
                let batch = Array(state.queue.prefix(1000))
                state.queue.removeFirst(batch.count)
                return (batch, state.closed)
            }
            if batch.isEmpty {
                if closed || Task.isCancelled { break }
                await wake.wait(timeout: .seconds(1))
                continue
            }
            do {
                // Outside this task's cancellation, so a pool torn down with completions queued
                // still records them (see `JobExecutor.persistently`).
                let keys = batch.map(\.key), store = self.store
                let completed = try await Uncancelled.run { try await store.complete(keys) }
                failures = 0
                for lease in batch {
                    running.remove(lease.key.id)
                    if !completed.contains(lease.key.id) {
                        logger.notice("completion ignored: the job's lease had passed to someone else",
                                      metadata: ["lore.job": "\(lease.key.id)"])
                    }
                }
            } catch {
                // The database is away: keep the batch (its leases are still heartbeated) and retry.
                failures += 1
                logger.warning("could not record completed jobs; retrying", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
                state.withLock { $0.queue.insert(contentsOf: batch, at: 0) }
                if Task.isCancelled { break }
                try? await Task.sleep(for: .milliseconds(min(2000, 100 << min(failures, 5))))
            }
        }
        drained.fire(())
    }
}
