import Foundation
import Logging
import LoreCore
import LoreDatabase
import ServiceLifecycle
import Synchronization

/// Runs up to `concurrency` jobs at a time from the shared queue, as a `Service`.
///
/// One loop claims as many ready jobs as there are free slots, in one short statement; while
/// nothing is ready it sleeps until a NOTIFY from an enqueue (or the poll interval). Leases of
/// running jobs are renewed in one statement per heartbeat; completions are written in batches.
/// On graceful shutdown it stops claiming, lets running jobs finish until the deadline, then
/// interrupts the rest and hands them back to the queue without counting the attempt.
public final class WorkerPool: Service, Sendable {
    public let configuration: WorkerConfiguration
    let registry: JobRegistry
    let database: Database
    let store: JobStore
    let logger: Logger
    let running = RunningJobs()
    let slots: WorkerSlots
    let wake = WakeSignal()
    private let stopping = Mutex(false)

    public init(database: Database, registry: JobRegistry, configuration: WorkerConfiguration = WorkerConfiguration(), logger: Logger) {
        self.database = database
        self.registry = registry
        self.configuration = configuration
        self.store = JobStore(database: database)
        self.slots = WorkerSlots(capacity: configuration.concurrency)
        var logger = logger
        logger[metadataKey: "lore.worker"] = "\(configuration.workerID)"
        self.logger = logger
    }

    /// Attempts running right now.
    public var activeJobs: Int { slots.busy }

    public func run() async throws {
        logger.info("worker started", metadata: ["concurrency": "\(configuration.concurrency)"])
        await withGracefulShutdownHandler {
            await self.work()
        } onGracefulShutdown: {
            self.stopping.withLock { $0 = true }
            self.wake.signal()
        }
        logger.info("worker stopped")
    }

    /// Stops claiming, as graceful shutdown does (for embedding without a service group).
    public func stop() {
        stopping.withLock { $0 = true }
        wake.signal()
    }

    private var isStopping: Bool { stopping.withLock { $0 } || Task.isCancelled }

    private func work() async {
        let completer = CompletionBatcher(store: store, running: running, logger: logger)
        let executor = JobExecutor(registry: registry, database: database, store: store, running: running,
                                   completer: completer, workerID: configuration.workerID, logger: logger)
        await withDiscardingTaskGroup { support in
            let wake = self.wake
            support.addTask {
                await NotificationListener(endpoint: self.database.endpoint, channel: JobNotifications.channel, logger: self.logger).run { _ in wake.signal() }
            }
            support.addTask { await self.heartbeatLoop() }
            support.addTask { await completer.run() }
            await withDiscardingTaskGroup { jobs in
                await self.claimLoop(executor: executor, jobs: &jobs)
                jobs.addTask { await self.enforceShutdownDeadline() }
            }
            completer.close()
            await completer.waitUntilDrained()
            support.cancelAll()
        }
    }

    private func claimLoop(executor: JobExecutor, jobs: inout DiscardingTaskGroup) async {
        var failures = 0
        while !isStopping {
            let free = slots.free
            if free <= 0 {
                await wake.wait(timeout: configuration.pollInterval)
                continue
            }
            let claimed: [ClaimedJob]
            let started = ContinuousClock.now
            do {
                claimed = try await store.claim(limit: free, owner: configuration.workerID)
                failures = 0
            } catch {
                failures += 1
                if failures == 1 || failures % 50 == 0 {
                    logger.warning("cannot claim jobs; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                }
                await wake.wait(timeout: .milliseconds(min(5000, 50 << min(failures, 7))))
                continue
            }
            JobMetrics.claimQuery.recordNanoseconds(Int64((ContinuousClock.now - started).seconds * 1e9))
            for job in claimed {
                JobMetrics.pickup(priority: job.priority).recordNanoseconds(Int64(job.waitedSeconds * 1e9))
                slots.take()
                jobs.addTask {
                    await executor.execute(job)
                    self.slots.release()
                    self.wake.signal()
                }
            }
            if claimed.count < free {
                await wake.wait(timeout: configuration.pollInterval)
            }
        }
    }

    /// After the claim loop stops: wait for running attempts until the deadline, then interrupt
    /// them (they are released to the queue).
    private func enforceShutdownDeadline() async {
        let deadline = ContinuousClock.now + configuration.shutdownDeadline
        while slots.busy > 0, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if slots.busy > 0 {
            logger.notice("shutdown deadline reached; handing running jobs back", metadata: ["jobs": "\(slots.busy)"])
            running.interruptAll(.shutdown)
        }
    }

    /// Renews, in one statement, the leases of the attempts due (a third of their lease since
    /// the claim or the last renewal), checking every `heartbeatCheckInterval`, so kinds with
    /// short and long leases can run side by side. An attempt whose lease is gone is interrupted.
    private func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatCheckInterval)
            let now = ContinuousClock.now
            let due = running.snapshot().filter { !$0.isCompleted && $0.needsRenewal(at: now) }
            guard !due.isEmpty, !Task.isCancelled else { continue }
            do {
                let renewed = try await store.heartbeat(due.map(\.key))
                for lease in due {
                    if renewed.contains(lease.key.id) {
                        lease.renewed(at: now)
                    } else if running.contains(lease), !lease.isCompleted {
                        // (A lease completed between the snapshot and the update is simply gone.)
                        lease.interruption.fire(.leaseLost)
                    }
                }
            } catch {
                logger.warning("heartbeat failed; retrying", metadata: ["error": "\(error)"])
            }
        }
    }
}
