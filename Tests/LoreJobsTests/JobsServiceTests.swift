import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// What operators and organisations see: listings, one job, cancel, stats, autoscaling advice.
@Suite struct JobsServiceTests {
    @Test func listingsAreFilteredAndScopedToTheOrganisation() async throws {
        try await withJobsDatabase { database in
            let orgA = try await database.makeOrg(), orgB = try await database.makeOrg()
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog()), FlakyJob(log: RunLog())]))
            var idsA: [JobID] = []
            for value in 0..<5 { idsA.append(try #require(try await queue.enqueue(RecordJob.self, .init(value: value), org: orgA.id))) }
            let flaky = try #require(try await queue.enqueue(FlakyJob.self, .init(value: 9), org: orgA.id, priority: .high))
            let idB = try #require(try await queue.enqueue(RecordJob.self, .init(value: 1), org: orgB.id))
            let service = JobsService(database: database)

            let all = try await service.list(org: orgA.id)
            #expect(all.count == 6)
            #expect(all.first?.id == flaky, "newest first")
            #expect(try await service.list(org: orgA.id, filter: .init(kind: "test.flaky")).map(\.id) == [flaky])
            #expect(try await service.list(org: orgA.id, filter: .init(priority: .high)).map(\.id) == [flaky])
            #expect(try await service.list(org: orgA.id, filter: .init(status: .dead)).isEmpty)
            let page1 = try await service.list(org: orgA.id, filter: .init(limit: 4))
            let page2 = try await service.list(org: orgA.id, filter: .init(limit: 4, after: page1.last?.id))
            #expect(page1.count == 4 && page2.count == 2)
            #expect(Set((page1 + page2).map(\.id)) == Set(idsA + [flaky]))
            #expect(try await service.list(org: nil).count == 7, "operators see every organisation")

            // Another organisation's job does not exist for A, whatever A tries.
            await #expect(throws: LoreError.self) { _ = try await service.get(org: orgA.id, id: idB) }
            await #expect(throws: LoreError.self) { _ = try await service.cancel(org: orgA.id, id: idB, actor: "a") }
            await #expect(throws: LoreError.self) { _ = try await service.retry(org: orgA.id, id: idB, actor: "a") }
            #expect(try await service.get(org: orgB.id, id: idB).status == .pending)

            let cancelled = try await service.cancel(org: orgA.id, id: idsA[0], actor: "api_key:x")
            #expect(cancelled.status == .cancelled)
            #expect(cancelled.errors.last?.message == "cancelled by api_key:x")
            do {
                _ = try await service.cancel(org: orgA.id, id: idsA[0], actor: "a")
                Issue.record("cancelled twice")
            } catch let error as LoreError {
                #expect(error.code == .jobStateConflict)
            }
            // A cancelled job can be replayed.
            #expect(try await service.retry(org: orgA.id, id: idsA[0], actor: "a").status == .pending)
            await #expect(throws: LoreError.self) { _ = try await service.list(org: orgA.id, filter: .init(limit: 0)) }
        }
    }

    @Test func statsCountDepthDeadAndAdviseWorkers() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([RecordJob(log: log), BadInputJob(log: log)])
            let queue = JobQueue(database: database, registry: jobs)
            _ = try await queue.enqueue(BadInputJob.self, .init(value: 1), org: org.id)
            try await withWorkers(fastWorkers(database, jobs)) {
                _ = try await queue.enqueueBatch(RecordJob.self, (0..<20).map { .init(value: $0) }, org: org.id)
                try await eventually { try await database.serviceCount("SELECT count(*)::int FROM lore.jobs WHERE status IN ('succeeded', 'dead')") == 21 }
            }
            _ = try await queue.enqueueBatch(RecordJob.self, (0..<30).map { .init(value: $0) }, org: org.id, priority: .low)
            let service = JobsService(database: database)
            let stats = try await service.stats(org: nil)
            #expect(stats.deadCount == 1)
            #expect(stats.depth.contains(.init(priority: .low, kind: "test.record", status: .pending, count: 30)))
            #expect(stats.depth.contains(.init(priority: .normal, kind: "test.bad-input", status: .dead, count: 1)))
            let record = try #require(stats.kinds.first { $0.kind == "test.record" })
            #expect(record.ready == 30)
            #expect(record.averageRunSeconds != nil)
            #expect(record.completionsPerSecond > 0)
            let advice = try #require(stats.autoscaling)
            #expect(advice.recommendedWorkers >= 1)
            #expect(try await service.stats(org: org.id).autoscaling == nil, "organisations see their own numbers only")
            #expect(try await service.stats(org: org.id).deadCount == 1)
            #expect(try await service.stats(org: database.makeOrg().id).depth.isEmpty)
            try await JobMetricsReporter(jobs: service, logger: TestCluster.logger).report()
        }
    }

    @Test func autoscalingFollowsQueueDepthAndRunTime() {
        let policy = AutoscalingPolicy(minWorkers: 1, maxWorkers: 10, concurrencyPerWorker: 4, targetDrainSeconds: 60, headroom: 1.25)
        // Idle queue: the minimum.
        #expect(AutoscalingAdvisor.advise([], policy: policy).recommendedWorkers == 1)
        // 2,400 ready jobs of 1 s to work off in 60 s → 40 slots → 10 workers.
        let backlog = AutoscalingAdvisor.advise([KindLoad(kind: "a", ready: 2_400, running: 0, completionsPerSecond: 0, averageRunSeconds: 1)], policy: policy)
        #expect(backlog.backlogWorkSeconds == 2_400)
        #expect(backlog.requiredConcurrency == 40)
        #expect(backlog.recommendedWorkers == 10)
        // Steady 8 jobs/s of 1.5 s each keeps 12 slots busy; with 25 % headroom 15 → 4 workers.
        let steady = AutoscalingAdvisor.advise([KindLoad(kind: "a", ready: 0, running: 12, completionsPerSecond: 8, averageRunSeconds: 1.5)], policy: policy)
        #expect(steady.steadyLoad == 12)
        #expect(steady.requiredConcurrency == 15)
        #expect(steady.recommendedWorkers == 4)
        // Kinds add up; the maximum bounds the advice.
        let huge = AutoscalingAdvisor.advise([
            KindLoad(kind: "a", ready: 100_000, running: 4, completionsPerSecond: 1, averageRunSeconds: 30),
            KindLoad(kind: "b", ready: 10, running: 0, completionsPerSecond: 0, averageRunSeconds: nil),
        ], policy: policy)
        #expect(huge.backlogWorkSeconds == 3_000_010)
        #expect(huge.recommendedWorkers == 10)
    }

    @Test func prunerKeepsRecentAndDeadJobs() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            var ids: [JobID] = []
            for value in 0..<4 { ids.append(try #require(try await queue.enqueue(RecordJob.self, .init(value: value), org: org.id))) }
            _ = try await database.serviceStatement("""
                UPDATE lore.jobs SET status = 'succeeded', finished_at = now() - interval '8 days' WHERE id = \(ids[0].uuid)
                """)
            _ = try await database.serviceStatement("UPDATE lore.jobs SET status = 'succeeded', finished_at = now() - interval '1 day' WHERE id = \(ids[1].uuid)")
            _ = try await database.serviceStatement("UPDATE lore.jobs SET status = 'dead', finished_at = now() - interval '8 days' WHERE id = \(ids[2].uuid)")
            let deleted = try await JobPruner(database: database).prune(batchSize: 1)
            #expect(deleted == 1)
            let left = try await database.serviceStatement("SELECT id FROM lore.jobs").map { JobID(try $0.decode(UUID.self)) }
            #expect(Set(left) == Set(ids.dropFirst()))
        }
    }
}
