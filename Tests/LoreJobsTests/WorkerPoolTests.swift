import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import ServiceLifecycle
import Testing
@testable import LoreJobs

/// The pool as a service: dispatch, timeouts, cancellation, unknown kinds, graceful shutdown.
@Suite struct WorkerPoolTests {
    @Test func runsEveryJobOnceWithTheJobsOrganisation() async throws {
        try await withJobsDatabase { database in
            let orgA = try await database.makeOrg(), orgB = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([RecordJob(log: log)])
            let queue = JobQueue(database: database, registry: jobs)
            try await withWorkers(fastWorkers(database, jobs, concurrency: 8)) {
                _ = try await queue.enqueueBatch(RecordJob.self, (0..<300).map { .init(value: $0) }, org: orgA.id)
                _ = try await queue.enqueueBatch(RecordJob.self, (300..<400).map { .init(value: $0) }, org: orgB.id)
                try await eventually {
                    try await database.serviceCount("SELECT count(*)::int FROM lore.jobs WHERE status = 'succeeded'") == 400
                }
            }
            #expect(log.count == 400)
            #expect(Set(log.all.map(\.value)) == Set(0..<400))
            #expect(log.all.allSatisfy { ($0.value < 300) == ($0.org == orgA.id) })
        }
    }

    @Test func gracefulShutdownHandsUnfinishedJobsBackWithoutCountingTheAttempt() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([SleepJob(log: log)])
            let queue = JobQueue(database: database, registry: jobs)
            let quick = try #require(try await queue.enqueue(SleepJob.self, .init(milliseconds: 100), org: org.id))
            let slow = try #require(try await queue.enqueue(SleepJob.self, .init(milliseconds: 60_000), org: org.id))
            let pool = WorkerPool(database: database, registry: jobs,
                                  configuration: WorkerConfiguration(concurrency: 2, pollInterval: .milliseconds(100), shutdownDeadline: .milliseconds(500)),
                                  logger: TestCluster.logger)
            let group = ServiceGroup(services: [pool], logger: TestCluster.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await eventually { log.count == 2 }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(try await database.job(quick).status == .succeeded, "a job that finishes within the deadline completes")
            try await Self.expectHandedBack(slow, in: database)
        }
    }

    /// A pool whose task is cancelled (not shut down gracefully) mid-attempt still hands the job
    /// back at once: before, the cancelled task's release failed and the job stayed `running`
    /// until its lease lapsed and a rescuer came — and with no rescuer, for good (a test that
    /// ran one pool per organisation waited on such a job until it was killed).
    @Test func aCancelledPoolHandsItsRunningJobsBack() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([SleepJob(log: log)])
            let queue = JobQueue(database: database, registry: jobs)
            let slow = try #require(try await queue.enqueue(SleepJob.self, .init(milliseconds: 60_000), org: org.id))
            try await withWorkers(fastWorkers(database, jobs, concurrency: 1)) {
                try await eventually { log.count == 1 }
            }
            try await Self.expectHandedBack(slow, in: database)
        }
    }

    /// Back in the queue as if never claimed: pending, the attempt not counted, a `released` entry.
    static func expectHandedBack(_ job: JobID, in database: Database) async throws {
        let released = try await database.job(job)
        #expect(released.status == .pending)
        #expect(released.attempt == 0)
        #expect(released.errors.last?.code == "released")
    }

    @Test func anAttemptThatOverrunsItsTimeoutIsCancelledAndRetried() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([TimeoutJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(TimeoutJob.self, .init(milliseconds: 30_000), org: org.id))
            try await withWorkers(fastWorkers(database, jobs)) {
                try await eventually { try await database.job(id).status == .dead }
            }
            let job = try await database.job(id)
            #expect(job.errors.map(\.code) == ["job_timed_out", "job_timed_out"])
            #expect(log.count == 2)
        }
    }

    @Test func cancellingARunningJobInterruptsItsAttempt() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([SleepJob(log: log)])
            let id = try #require(try await JobQueue(database: database, registry: jobs).enqueue(SleepJob.self, .init(milliseconds: 60_000), org: org.id))
            let pool = fastWorkers(database, jobs)
            try await withWorkers(pool) {
                try await eventually { log.count == 1 }
                let cancelled = try await JobsService(database: database).cancel(org: org.id, id: id, actor: "test")
                #expect(cancelled.status == .cancelled)
                // The worker notices at its next heartbeat and frees the slot.
                try await eventually { pool.activeJobs == 0 }
                #expect(pool.activeJobs == 0)
            }
            #expect(try await database.job(id).status == .cancelled)
        }
    }

    @Test func aJobOfAnUnknownKindFailsClearly() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let id = UUID()
            _ = try await database.withOrg(org.id) { tx in
                try await tx.query("INSERT INTO lore.jobs (id, org_id, kind, payload) VALUES (\(id), \(org.id.uuid), 'media.from-the-future', '{}')")
            }
            try await withWorkers(fastWorkers(database, registry([RecordJob(log: RunLog())]))) {
                try await eventually { try await database.job(JobID(id)).status == .dead }
            }
            let job = try await database.job(JobID(id))
            #expect(job.status == .dead)
            #expect(job.errors.first?.code == "unknown_job_kind")
            #expect(job.lastError?.contains("media.from-the-future") == true)
        }
    }
}

/// Sleeps past its own 300 ms timeout; two attempts.
struct TimeoutJob: JobHandler {
    struct Payload: Codable, Sendable { var milliseconds: Int }
    static let kind: JobKind = "test.timeout"
    static let policy = JobPolicy(maxAttempts: 2, timeout: .milliseconds(300), lease: .seconds(5),
                                  backoffBase: .milliseconds(10), backoffCap: .milliseconds(20))
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.milliseconds, org: context.org, attempt: context.attempt))
        try await Task.sleep(for: .milliseconds(payload.milliseconds))
    }
}
