import Foundation
import Logging
import LoreCore
import LoreDatabase

/// Runs one claimed attempt: dispatches to the handler, enforces the kind's timeout, reacts to
/// interruptions, and records the outcome under the attempt's lease.
struct JobExecutor: Sendable {
    let registry: JobRegistry
    let database: Database
    let store: JobStore
    let running: RunningJobs
    let completer: CompletionBatcher
    let workerID: String
    let logger: Logger

    enum Outcome: Sendable {
        case succeeded
        case threw(any Error)
        case interrupted(JobInterruption)
    }

    func execute(_ job: ClaimedJob) async {
        let lease = JobLease(key: LeaseKey(id: job.id, token: job.leaseToken), leaseSeconds: job.leaseSeconds)
        running.add(lease)
        var logger = self.logger
        logger[metadataKey: "lore.job"] = "\(job.id)"
        logger[metadataKey: "lore.job.kind"] = "\(job.kind)"
        logger[metadataKey: "lore.job.attempt"] = "\(job.attempt)"
        if let org = job.org { logger[metadataKey: "lore.org"] = "\(org)" }

        guard let entry = registry.entry(job.kind), let kind = try? JobKind(validating: job.kind) else {
            let failure = JobFailure(code: ErrorCode.unknownJobKind.rawValue,
                                     message: "this worker has no handler for the job kind \"\(job.kind.prefix(64))\"", retryable: false)
            logger.error("job of an unknown kind sent to the dead-letter queue")
            await record(job, lease, failure: failure, policy: .standard, logger: logger)
            return
        }
        let context = JobContext(jobID: job.id, kind: kind, org: job.org, attempt: job.attempt, maxAttempts: job.maxAttempts,
                                 priority: job.priority, enqueuedAt: job.createdAt, logger: logger, database: database,
                                 lease: lease, store: store)
        let started = ContinuousClock.now
        let timeout = entry.policy.timeout
        let outcome = await InFlightWaits.track("job \(job.kind.prefix(64)) \(job.id) attempt \(job.attempt)", phase: "running") { _ in
            await Self.attempt(entry, job: job, context: context, lease: lease)
        }
        let elapsed = ContinuousClock.now - started
        JobMetrics.runTime(kind: job.kind).recordNanoseconds(Int64(elapsed.seconds * 1e9))

        switch outcome {
        case .succeeded:
            JobMetrics.finished(kind: job.kind, outcome: "succeeded").increment()
            if lease.isCompleted {
                running.remove(job.id)
            } else {
                completer.submit(lease)
            }
        case .interrupted(.leaseLost), .threw(JobError.leaseLost):
            JobMetrics.finished(kind: job.kind, outcome: "lease_lost").increment()
            logger.notice("attempt abandoned: the job's lease passed to someone else")
            running.remove(job.id)
        case .interrupted(.shutdown):
            await release(lease, logger: logger, kind: job.kind)
        case .interrupted(.timedOut):
            let failure = JobFailure(code: ErrorCode.jobTimedOut.rawValue,
                                     message: "the attempt ran longer than the kind's timeout of \(timeout)", retryable: true)
            await record(job, lease, failure: failure, policy: entry.policy, logger: logger)
        case .threw(let error):
            if error is CancellationError, Task.isCancelled {
                // The whole worker is being torn down: hand the job back if the database lets us.
                await release(lease, logger: logger, kind: job.kind)
            } else {
                await record(job, lease, failure: JobFailure.classify(error), policy: entry.policy, logger: logger)
            }
        }
    }

    /// Runs the handler until it returns, its lease is interrupted or the kind's timeout passes, whichever is first.
    private static func attempt(_ entry: JobRegistry.Entry, job: ClaimedJob, context: JobContext, lease: JobLease) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group -> Outcome in
            group.addTask {
                do {
                    try await entry.run(job.payloadJSON, context)
                    return .succeeded
                } catch {
                    return .threw(error)
                }
            }
            group.addTask { await lease.interruption.wait().map { .interrupted($0) } }
            group.addTask {
                try? await Task.sleep(for: entry.policy.timeout)
                return Task.isCancelled ? nil : .interrupted(.timedOut)
            }
            var first: Outcome?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .threw(CancellationError())
        }
    }

    /// Writes a failed attempt: a retry after backoff while attempts remain and the failure is
    /// retryable, the dead-letter queue otherwise.
    private func record(_ job: ClaimedJob, _ lease: JobLease, failure: JobFailure, policy: JobPolicy, logger: Logger) async {
        let delay = failure.retryable && job.attempt < job.maxAttempts ? Backoff.delay(afterAttempt: job.attempt, policy: policy) : nil
        let status = await persistently("record a failed attempt", logger: logger) {
            try await store.fail(lease.key, failure: failure, retryDelay: delay)
        }
        running.remove(job.id)
        switch status {
        case .some(.some(.dead)):
            JobMetrics.finished(kind: job.kind, outcome: "dead").increment()
            logger.error("job failed for good; in the dead-letter queue", metadata: ["error.code": "\(failure.code)", "error": "\(failure.message)"])
        case .some(.some):
            JobMetrics.finished(kind: job.kind, outcome: "retried").increment()
            logger.warning("attempt failed; retry scheduled", metadata: ["error.code": "\(failure.code)", "error": "\(failure.message)",
                                                                         "retry_in": "\(delay.map { "\($0)" } ?? "-")"])
        case .some(.none):
            JobMetrics.finished(kind: job.kind, outcome: "lease_lost").increment()
        case .none:
            break
        }
    }

    private func release(_ lease: JobLease, logger: Logger, kind: String) async {
        let released = await persistently("release a job", logger: logger) {
            try await store.release(lease.key, reason: "worker shut down before the attempt finished")
        }
        running.remove(lease.key.id)
        if released == true { JobMetrics.finished(kind: kind, outcome: "released").increment() }
    }

    /// Retries a state write a few times over a few seconds (a database restart); gives up
    /// after that and leaves the job to the rescuer once its lease lapses. The write runs
    /// outside the worker's cancellation (`Uncancelled`): a pool torn down mid-attempt must
    /// still hand its job back, and a cancelled task's queries fail at once — which left such
    /// jobs `running` until their lease lapsed and a rescuer came (for good where none ran).
    private func persistently<T: Sendable>(_ what: String, logger: Logger, _ write: @escaping @Sendable () async throws -> T) async -> T? {
        await Uncancelled.run {
            for attempt in 0..<6 {
                do {
                    return try await write()
                } catch {
                    if attempt == 5 {
                        logger.error("could not \(what); the rescuer will take the job back when its lease lapses", metadata: ["error": "\(error)"])
                        return nil
                    }
                    try? await Task.sleep(for: .milliseconds(100 << attempt))
                }
            }
            return nil
        }
    }
}
