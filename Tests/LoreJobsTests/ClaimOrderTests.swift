import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// The order workers claim in: priority first, then fairly across organisations, then age.
@Suite struct ClaimOrderTests {
    @Test func claimsByPriorityThenAgeUnderBacklog() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            // Enqueued in an order that differs from the claim order.
            let plan: [(Int, JobPriority)] = [(1, .low), (2, .maintenance), (3, .normal), (4, .critical), (5, .normal),
                                              (6, .high), (7, .critical), (8, .low), (9, .maintenance), (10, .high)]
            for (value, priority) in plan {
                _ = try await queue.enqueue(RecordJob.self, .init(value: value), org: org.id, priority: priority)
            }
            // A backlog of normal jobs enqueued after everything else.
            _ = try await queue.enqueueBatch(RecordJob.self, (100..<300).map { .init(value: $0) }, org: org.id, priority: .normal)
            let store = JobStore(database: database)
            var claimed: [ClaimedJob] = []
            while true {
                let batch = try await store.claim(limit: 7, owner: "test")
                if batch.isEmpty { break }
                claimed += batch
            }
            #expect(claimed.count == 210)
            let priorities = claimed.map(\.priority.rawValue)
            #expect(priorities == priorities.sorted(), "a less urgent job was claimed before a more urgent one")
            let values = try claimed.map { try JobPayloadCoding.decode(RecordJob.Payload.self, from: $0.payloadJSON).value }
            #expect(Array(values.prefix(8)) == [4, 7, 6, 10, 3, 5, 100, 101], "within a priority, the oldest first")
            #expect(Array(values.suffix(4)) == [1, 8, 2, 9])
        }
    }

    @Test func aLaterOrganisationIsNotStarvedByALargeImport() async throws {
        try await withJobsDatabase { database in
            let orgA = try await database.makeOrg(), orgB = try await database.makeOrg()
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            for start in stride(from: 0, to: 10_000, by: 2_500) {
                _ = try await queue.enqueueBatch(RecordJob.self, (start..<start + 2_500).map { .init(value: $0) }, org: orgA.id)
            }
            var bJobs: Set<JobID> = []
            for value in 0..<10 {
                if let id = try await queue.enqueue(RecordJob.self, .init(value: value), org: orgB.id) { bJobs.insert(id) }
            }
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") == 10_010)

            // Claim one at a time and note when each of B's jobs starts.
            let store = JobStore(database: database)
            var positions: [Int] = []
            for index in 0..<40 {
                let job = try #require(try await store.claim(limit: 1, owner: "test").first)
                if bJobs.contains(job.id) { positions.append(index) }
            }
            #expect(positions.count == 10, "B's ten jobs all start within the first 40 claims, not after A's 10,000")
            #expect(positions.first.map { $0 <= 1 } == true, "B's first job starts at once: \(positions)")
            // Round-robin: after B's queue is empty, A gets every claim.
            #expect(positions.last.map { $0 < 21 } == true, "B's jobs alternate with A's: \(positions)")
        }
    }

    @Test func heavierTiersGetProportionallyMoreClaims() async throws {
        try await withJobsDatabase { database in
            let free = try await database.makeOrg(tier: .free), enterprise = try await database.makeOrg(tier: .enterprise)
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            _ = try await queue.enqueueBatch(RecordJob.self, (0..<200).map { .init(value: $0) }, org: free.id)
            _ = try await queue.enqueueBatch(RecordJob.self, (0..<200).map { .init(value: $0) }, org: enterprise.id)
            let claimed = try await JobStore(database: database).claim(limit: 100, owner: "test")
            let enterpriseShare = claimed.filter { $0.org == enterprise.id }.count
            // Weights 4 : 1 → 80 of the first 100 claims.
            #expect((75...85).contains(enterpriseShare), "enterprise got \(enterpriseShare) of 100")
        }
    }
}
