import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// Leases, heartbeats and the rescuer: a lost worker's job comes back, a live one's never does,
/// and a stale worker cannot complete what it no longer owns.
@Suite struct LeaseTests {
    /// Lets every running lease lapse now (what time does to a dead worker's leases).
    static func expireLeases(_ database: Database) async throws {
        _ = try await database.serviceStatement("UPDATE lore.jobs SET lease_expires_at = now() - interval '1 second' WHERE status = 'running'")
    }

    @Test func aStaleCompletionAfterRescueUpdatesNothing() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let jobs = registry([RecordJob(log: RunLog())])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(RecordJob.self, .init(value: 1), org: org.id))
            let store = JobStore(database: database)
            let first = try #require(try await store.claim(limit: 1, owner: "worker-a").first)
            try await Self.expireLeases(database)
            let rescued = try await Rescuer(database: database, registry: jobs, logger: TestCluster.logger).rescueExpired()
            #expect(rescued.map(\.id) == [id])
            #expect(rescued.first?.status == .pending)
            _ = try await database.serviceStatement("UPDATE lore.jobs SET run_after = now() WHERE id = \(id.uuid)")
            let second = try #require(try await store.claim(limit: 1, owner: "worker-b").first)
            #expect(second.attempt == 2)

            // Worker A wakes up and reports: nothing changes.
            let staleKey = LeaseKey(id: id, token: first.leaseToken)
            #expect(try await store.complete([staleKey]).isEmpty)
            #expect(try await store.fail(staleKey, failure: JobFailure(code: "x", message: "late", retryable: true), retryDelay: .zero) == nil)
            #expect(try await store.heartbeat([staleKey]).isEmpty)
            #expect(try await store.release(staleKey, reason: "late") == false)
            #expect(try await database.job(id).status == .running)
            #expect(try await database.job(id).leaseOwner == "worker-b")
            // Worker B's completion counts.
            #expect(try await store.complete([LeaseKey(id: id, token: second.leaseToken)]) == [id])
            let job = try await database.job(id)
            #expect(job.status == .succeeded)
            #expect(job.errors.map(\.code) == ["lease_expired"])
        }
    }

    @Test func aHeartbeatingLongJobIsNeverRescued() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([SleepJob(log: log)])
            // Runs for four lease lengths while a rescuer checks ten times a second.
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(SleepJob.self, .init(milliseconds: 4_000), org: org.id))
            let rescuer = Rescuer(database: database, registry: jobs, interval: .milliseconds(100), logger: TestCluster.logger)
            try await withWorkers(fastWorkers(database, jobs), rescuer: rescuer) {
                try await eventually { try await database.job(id).status == .succeeded }
            }
            let job = try await database.job(id)
            #expect(job.status == .succeeded)
            #expect(job.attempt == 1)
            #expect(job.errors.isEmpty)
            #expect(log.count == 1)
        }
    }

    @Test func theJobOfAKilledWorkerIsRescuedAndRunsAgain() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([SleepJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(SleepJob.self, .init(milliseconds: 10), org: org.id))
            // A worker claims the job and dies: no heartbeat, no completion, ever.
            let dead = try #require(try await JobStore(database: database).claim(limit: 1, owner: "killed-worker").first)
            #expect(dead.id == id)
            let rescuer = Rescuer(database: database, registry: jobs, interval: .milliseconds(100), logger: TestCluster.logger)
            try await withWorkers(fastWorkers(database, jobs), rescuer: rescuer) {
                try await eventually { try await database.job(id).status == .succeeded }
            }
            let job = try await database.job(id)
            #expect(job.status == .succeeded)
            #expect(job.attempt == 2, "the killed worker's attempt counts")
            #expect(job.errors.map(\.code) == ["lease_expired"])
            #expect(job.errors.first?.worker == "killed-worker")
            #expect(log.all.map(\.attempt) == [2])
        }
    }

    @Test func aPoisonJobThatKillsItsWorkersEndsDead() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let jobs = registry([SleepJob(log: RunLog())])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(SleepJob.self, .init(milliseconds: 10), org: org.id))
            let store = JobStore(database: database)
            let rescuer = Rescuer(database: database, registry: jobs, logger: TestCluster.logger)
            for attempt in 1...3 {
                _ = try await database.serviceStatement("UPDATE lore.jobs SET run_after = now() WHERE id = \(id.uuid)")
                let claimed = try #require(try await store.claim(limit: 1, owner: "victim-\(attempt)").first)
                #expect(claimed.attempt == attempt)
                try await Self.expireLeases(database)
                let rescued = try await rescuer.rescueExpired()
                #expect(rescued.first?.status == (attempt < 3 ? .pending : .dead))
            }
            let job = try await database.job(id)
            #expect(job.status == .dead)
            #expect(job.errors.map(\.worker) == ["victim-1", "victim-2", "victim-3"])
            #expect(job.lastError?.contains("stopped renewing its lease") == true)
            #expect(try await store.claim(limit: 1, owner: "any").isEmpty)
        }
    }

    @Test func transactionalCompletionWritesItsSideEffectExactlyOnce() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let jobs = registry([LedgerJob(log: RunLog())])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(LedgerJob.self, .init(value: 1), org: org.id))
            let store = JobStore(database: database)
            let stale = try #require(try await store.claim(limit: 1, owner: "a").first)
            try await Self.expireLeases(database)
            _ = try await Rescuer(database: database, registry: jobs, logger: TestCluster.logger).rescueExpired()
            // The stale worker finishes its handler after the rescue: its write is rolled back.
            let context = JobContext(jobID: id, kind: LedgerJob.kind, org: org.id, attempt: 1, maxAttempts: 3, priority: .normal,
                                     enqueuedAt: Date(), logger: TestCluster.logger, database: database,
                                     lease: JobLease(key: LeaseKey(id: id, token: stale.leaseToken), leaseSeconds: 1), store: store)
            await #expect(throws: JobError.leaseLost) {
                try await context.complete { tx in
                    try await tx.audit(AuditEntry(actor: "test", action: "ledger", targetType: "job", targetID: id.description))
                }
            }
            await #expect(throws: JobError.leaseLost) { try await context.heartbeat() }
            try await withWorkers(fastWorkers(database, jobs)) {
                try await eventually { try await database.job(id).status == .succeeded }
            }
            let effects = try await database.withOrg(org.id) { tx in
                try await tx.count("SELECT 1 FROM audit_log WHERE action = 'ledger' AND target_id = \(id.description)")
            }
            #expect(effects == 1)
        }
    }
}
