import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// Exponential backoff with full jitter, the dead-letter queue and replay.
@Suite struct RetryTests {
    @Test func backoffFollowsTheFormulaWithinJitterBounds() {
        let policy = JobPolicy(backoffBase: .seconds(2), backoffCap: .seconds(600))
        #expect(Backoff.upperBound(afterAttempt: 1, policy: policy) == .seconds(4))
        #expect(Backoff.upperBound(afterAttempt: 3, policy: policy) == .seconds(16))
        #expect(Backoff.upperBound(afterAttempt: 8, policy: policy) == .seconds(512))
        #expect(Backoff.upperBound(afterAttempt: 9, policy: policy) == .seconds(600), "capped")
        #expect(Backoff.upperBound(afterAttempt: 1_000, policy: policy) == .seconds(600))
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...10 {
            let bound = Backoff.upperBound(afterAttempt: attempt, policy: policy)
            let samples = (0..<2_000).map { _ in Backoff.delay(afterAttempt: attempt, policy: policy, using: &generator) }
            #expect(samples.allSatisfy { $0 >= .zero && $0 <= bound })
            // Full jitter: uniform over the whole range, so the mean is near half the bound.
            let mean = samples.map(\.seconds).reduce(0, +) / Double(samples.count)
            let half = bound.seconds / 2
            #expect(abs(mean - half) < half * 0.1, "attempt \(attempt): mean \(mean), expected about \(half)")
        }
    }

    @Test func failedAttemptsAreRetriedAfterBackoffThenDeadWithTheLastError() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([FlakyJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(FlakyJob.self, .init(value: 1), org: org.id))
            let pool = fastWorkers(database, jobs)
            try await withWorkers(pool) {
                try await eventually { try await database.job(id).status == .dead }
            }
            let job = try await database.job(id)
            #expect(job.status == .dead)
            #expect(job.attempt == 3)
            #expect(log.all.map(\.attempt) == [1, 2, 3])
            #expect(job.lastError == "remote service answered 503 on attempt 3")
            #expect(job.errors.map(\.attempt) == [1, 2, 3])
            #expect(job.errors.allSatisfy { $0.code == "upstream_error" })
            #expect(job.payloadJSON.contains("\"value\":1") || job.payloadJSON.contains("\"value\": 1"), "dead jobs keep their payload")
            // The errors are in the order of the attempts. How long each retry waited is not
            // asserted here (a loaded machine delays the claim past any bound): the stored
            // schedule is, in `retryScheduleIsStoredWithinTheJitterBound`.
            for (previous, next) in zip(job.errors, job.errors.dropFirst()) {
                #expect(next.at >= previous.at, "attempt \(next.attempt) recorded before attempt \(previous.attempt)")
            }
        }
    }

    @Test func retryScheduleIsStoredWithinTheJitterBound() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let policy = JobPolicy(maxAttempts: 20, backoffBase: .seconds(1), backoffCap: .seconds(100))
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            let store = JobStore(database: database)
            for attempt in 1...8 {
                let id = try #require(try await queue.enqueue(RecordJob.self, .init(value: attempt), org: org.id))
                _ = try await database.serviceStatement("UPDATE lore.jobs SET attempt = \(attempt - 1), max_attempts = 20 WHERE id = \(id.uuid)")
                let job = try #require(try await store.claim(limit: 1, owner: "test").first)
                #expect(job.attempt == attempt)
                let delay = Backoff.delay(afterAttempt: job.attempt, policy: policy)
                let status = try await store.fail(LeaseKey(id: job.id, token: job.leaseToken),
                                                  failure: JobFailure(code: "error", message: "boom", retryable: true), retryDelay: delay)
                #expect(status == .failed)
                let stored = try #require(try await database.serviceStatement("""
                    SELECT extract(epoch FROM run_after - updated_at)::float8 FROM lore.jobs WHERE id = \(id.uuid)
                    """).first?.decode(Double.self))
                let bound = min(100, pow(2, Double(attempt)))
                #expect(stored >= 0 && stored <= bound + 0.001, "attempt \(attempt): \(stored) s, bound \(bound) s")
                #expect(abs(stored - delay.seconds) < 0.001)
                // Out of the way, so the next iteration's claim cannot pick this retry up once its delay passes.
                _ = try await database.serviceStatement("UPDATE lore.jobs SET status = 'cancelled' WHERE id = \(id.uuid)")
            }
        }
    }

    @Test func nonRetryableErrorsGoStraightToDead() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([BadInputJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(BadInputJob.self, .init(value: 1), org: org.id))
            try await withWorkers(fastWorkers(database, jobs)) {
                try await eventually { try await database.job(id).status == .dead }
            }
            let job = try await database.job(id)
            #expect(job.status == .dead)
            #expect(job.attempt == 1)
            #expect(log.count == 1)
            #expect(job.errors.first?.code == "unsupported_media_type")
        }
    }

    @Test func deadJobsCanBeReplayed() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let flaky = registry([FlakyJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: flaky).enqueue(FlakyJob.self, .init(value: 7), org: org.id))
            try await withWorkers(fastWorkers(database, flaky)) {
                try await eventually { try await database.job(id).status == .dead }
            }
            // The cause is fixed (here: the handler now succeeds); the operator replays the job.
            let service = JobsService(database: database)
            let replayed = try await service.retry(org: org.id, id: id, actor: "test")
            #expect(replayed.status == .pending)
            #expect(replayed.attempt == 0)
            let fixedLog = RunLog()
            let fixed = registry([FixedFlakyJob(log: fixedLog)])
            try await withWorkers(fastWorkers(database, fixed)) {
                try await eventually { try await database.job(id).status == .succeeded }
            }
            let job = try await database.job(id)
            #expect(job.status == .succeeded)
            #expect(job.attempt == 1)
            #expect(fixedLog.all.map(\.value) == [7])
            #expect(job.errors.count == 4, "three failures and the replay stay in the history")
            #expect(job.errors.last?.code == "replayed")
            // A succeeded job is not replayed.
            await #expect(throws: LoreError.self) { try await service.retry(org: org.id, id: id, actor: "test") }
        }
    }
}

/// The flaky kind after its bug was fixed: same kind name, now succeeds.
struct FixedFlakyJob: JobHandler {
    typealias Payload = FlakyJob.Payload
    static let kind = FlakyJob.kind
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.value, org: context.org, attempt: context.attempt))
    }
}
