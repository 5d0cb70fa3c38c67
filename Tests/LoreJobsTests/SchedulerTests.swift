import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// Cron expressions, leader election and catch-up after downtime.
@Suite struct SchedulerTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func cronExpressionsFindTheNextSlot() throws {
        let cases: [(String, String, String)] = [
            ("*/15 * * * *", "2026-03-10T10:07:30Z", "2026-03-10T10:15:00Z"),
            ("17 3 * * *", "2026-03-10T10:07:00Z", "2026-03-11T03:17:00Z"),
            ("0 0 1 * *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"),
            ("30 9 * * 1-5", "2026-03-13T10:00:00Z", "2026-03-16T09:30:00Z"),   // Friday → Monday
            ("0 12 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T12:00:00Z"),    // next leap day
            ("@hourly", "2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z"),
            ("@every 30s", "2026-03-10T10:00:10Z", "2026-03-10T10:00:30Z"),
            ("0,30 8-9 * * *", "2026-03-10T08:31:00Z", "2026-03-10T09:00:00Z"),
            ("0 0 * * 7", "2026-03-10T00:00:00Z", "2026-03-15T00:00:00Z"),      // 7 is Sunday too
        ]
        for (expression, after, expected) in cases {
            #expect(try CronExpression(expression).next(after: Self.date(after)) == Self.date(expected), "\(expression) after \(after)")
        }
        for bad in ["", "* * * *", "61 * * * *", "* 24 * * *", "*/0 * * * *", "a b c d e", "5-1 * * * *", "@every", "@every -5m", "@every 5w"] {
            #expect(throws: LoreError.self, "\(bad)") { _ = try CronExpression(bad) }
        }
        #expect(Schedule.maintenance().map(\.name) == ["partitions", "prune-jobs"])
    }

    @Test func exactlyOneOfManySchedulersLeadsAndEachSlotIsEnqueuedOnce() async throws {
        try await withJobsDatabase { database in
            let schedule = try Schedule(name: "tick", cron: "@every 1s", RecordJob.self, payload: .init(value: 0))
            let schedulers = (0..<3).map { _ in
                Scheduler(endpoint: database.endpoint, schedules: [schedule], tickInterval: .milliseconds(100),
                          leaderRetryInterval: .milliseconds(200), logger: TestCluster.logger)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for scheduler in schedulers { group.addTask { try await scheduler.run() } }
                try await eventually { schedulers.contains(where: \.isLeader) }
                try await eventually {
                    try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") >= 3
                }
                #expect(schedulers.filter(\.isLeader).count == 1)
                group.cancelAll()
            }
            let rows = try await database.serviceStatement("SELECT unique_key, org_id IS NULL FROM lore.jobs")
            let keys = try rows.map { try $0.decode((String, Bool).self) }
            #expect(keys.count >= 3)
            #expect(Set(keys.map(\.0)).count == keys.count, "a slot was enqueued twice")
            #expect(keys.allSatisfy { $0.1 }, "scheduled jobs are system jobs")
        }
    }

    @Test func missedRunsAfterDowntimeRunOnce() async throws {
        try await withJobsDatabase { database in
            // Leap days only, so no new slot can come due while the test runs on a slow machine.
            let schedule = try Schedule(name: "leap-day", cron: "0 3 29 2 *", RecordJob.self, payload: .init(value: 0))
            // The scheduler was down for ten years: three slots (2016, 2020, 2024) were missed.
            _ = try await database.serviceStatement("""
                INSERT INTO lore.job_schedules (name, expression, kind, next_run_at)
                VALUES ('leap-day', '0 3 29 2 *', 'test.record', '2016-02-29 03:00:00+00')
                """)
            let scheduler = Scheduler(endpoint: database.endpoint, schedules: [schedule], tickInterval: .milliseconds(100), logger: TestCluster.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await scheduler.run() }
                try await eventually { try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") >= 1 }
                try await Task.sleep(for: .milliseconds(500))
                group.cancelAll()
            }
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") == 1)
            let next = try #require(try await database.serviceStatement("SELECT next_run_at > now() FROM lore.job_schedules WHERE name = 'leap-day'").first)
            #expect(try next.decode(Bool.self))
        }
    }

    @Test func maintenanceJobsRun() async throws {
        try await withJobsDatabase { database in
            let queue = JobQueue(database: database, registry: .maintenance())
            let partitions = try #require(try await queue.enqueue(PartitionMaintenanceJob.self, .init(monthsAhead: 3), org: nil))
            let org = try await database.makeOrg()
            let old = try #require(try await JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
                .enqueue(RecordJob.self, .init(value: 1), org: org.id))
            _ = try await database.serviceStatement("""
                UPDATE lore.jobs SET status = 'succeeded', finished_at = now() - interval '8 days' WHERE id = \(old.uuid)
                """)
            let prune = try #require(try await queue.enqueue(PruneJobsJob.self, .init(), org: nil))
            try await withWorkers(fastWorkers(database, .maintenance())) {
                try await eventually {
                    try await database.serviceCount("SELECT count(*)::int FROM lore.jobs WHERE status = 'succeeded' AND id IN (\(partitions.uuid), \(prune.uuid))") == 2
                }
            }
            #expect(try await database.job(partitions).status == .succeeded)
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs WHERE id = \(old.uuid)") == 0, "pruned")
            let month = try await database.serviceCount("""
                SELECT count(*)::int FROM pg_class WHERE relname = 'chunks_y' || to_char(now() + interval '3 months', 'YYYY') || 'm' || to_char(now() + interval '3 months', 'MM')
                """)
            #expect(month == 1)
            // System jobs are invisible to organisations.
            #expect(try await JobsService(database: database).list(org: org.id).isEmpty)
        }
    }
}
