import Foundation
import LoreCore
import LoreDatabase
import LoreTestSupport
import Testing
@testable import LoreJobs

/// Transactional enqueue, unique jobs and rejected input.
@Suite struct EnqueueTests {
    struct Rollback: Error {}

    @Test func aJobEnqueuedInARolledBackTransactionNeverRuns() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let log = RunLog()
            let jobs = registry([RecordJob(log: log)])
            try await withWorkers(fastWorkers(database, jobs)) {
                await #expect(throws: Rollback.self) {
                    try await database.withOrg(org.id) { tx in
                        _ = try await tx.enqueue(RecordJob.self, .init(value: 1))
                        throw Rollback()
                    }
                }
                // A committed job enqueued afterwards runs; the rolled-back one never does.
                let committed = try await database.withOrg(org.id) { tx in try await tx.enqueue(RecordJob.self, .init(value: 2)) }
                try await eventually { log.count >= 1 }
                try await Task.sleep(for: .milliseconds(300))
                #expect(log.all.map(\.value) == [2])
                #expect(log.all.first?.id == committed)
            }
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") == 1)
        }
    }

    @Test func aUniqueKeyHoldsUnderFiftyConcurrentEnqueues() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let ids = try await withThrowingTaskGroup(of: JobID?.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await database.withOrg(org.id) { tx in
                            try await tx.enqueue(RecordJob.self, .init(value: 1), uniqueKey: "webhook:evt_123")
                        }
                    }
                }
                var ids: [JobID?] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(ids.compactMap { $0 }.count == 1)
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") == 1)
            // Another organisation's key is its own; and once the job finished, the key is free again.
            let other = try await database.makeOrg()
            #expect(try await database.withOrg(other.id) { tx in try await tx.enqueue(RecordJob.self, .init(value: 1), uniqueKey: "webhook:evt_123") } != nil)
            let first = try #require(ids.compactMap { $0 }.first)
            _ = try await database.serviceStatement("UPDATE lore.jobs SET status = 'succeeded', finished_at = now() WHERE id = \(first.uuid)")
            #expect(try await database.withOrg(org.id) { tx in try await tx.enqueue(RecordJob.self, .init(value: 1), uniqueKey: "webhook:evt_123") } != nil)
        }
    }

    @Test func badInputIsRejectedAndNothingIsEnqueued() async throws {
        try await withJobsDatabase { database in
            let org = try await database.makeOrg()
            let queue = JobQueue(database: database, registry: registry([RecordJob(log: RunLog())]))
            func rejects(_ code: ErrorCode, _ body: () async throws -> Void) async {
                do {
                    try await body()
                    Issue.record("expected \(code)")
                } catch let error as LoreError {
                    #expect(error.code == code, "\(error)")
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            await rejects(.unknownJobKind) { _ = try await queue.enqueue(kind: "media.unknown", payloadJSON: "{}", org: org.id) }
            await rejects(.invalidJobKind) { _ = try await queue.enqueue(kind: "Not A Kind!", payloadJSON: "{}", org: org.id) }
            await rejects(.unknownJobKind) { _ = try await queue.enqueue(FlakyJob.self, .init(value: 1), org: org.id) }
            await rejects(.invalidJobPayload) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: "{\"value\": \"x\"}", org: org.id) }
            await rejects(.invalidJobPayload) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: "not json", org: org.id) }
            await rejects(.invalidJobPayload) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: "{}", org: org.id) }
            let huge = "{\"value\": 1, \"padding\": \"" + String(repeating: "x", count: 300_000) + "\"}"
            await rejects(.jobPayloadTooLarge) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: huge, org: org.id) }
            await rejects(.jobPayloadTooLarge) {
                _ = try await database.withOrg(org.id) { tx in try await tx.enqueue(BlobJob.self, .init(text: String(repeating: "y", count: 300_000))) }
            }
            await rejects(.invalidJobPayload) {
                _ = try await database.withOrg(org.id) { tx in try await tx.enqueue(NumberJob.self, .init(number: .nan)) }
            }
            await rejects(.invalidJobDelay) { _ = try await queue.enqueue(RecordJob.self, .init(value: 1), org: org.id, delay: .seconds(-5)) }
            await rejects(.invalidJobDelay) {
                _ = try await database.withOrg(org.id) { tx in try await tx.enqueue(RecordJob.self, .init(value: 1), delay: .milliseconds(-1)) }
            }
            await rejects(.invalidJobPriority) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: "{\"value\":1}", org: org.id, priority: 7) }
            await rejects(.invalidJobPriority) { _ = try await queue.enqueue(kind: "test.record", payloadJSON: "{\"value\":1}", org: org.id, priority: -1) }
            await rejects(.invalidJobPriority) { _ = try JobPriority(parsing: "urgent") }
            await rejects(.invalidArgument) { _ = try await queue.enqueue(RecordJob.self, .init(value: 1), org: org.id, uniqueKey: "") }
            #expect(try await database.serviceCount("SELECT count(*)::int FROM lore.jobs") == 0)
            // The queue still works afterwards.
            #expect(try await queue.enqueue(kind: "test.record", payloadJSON: "{\"value\":1}", org: org.id, priority: 0) != nil)
        }
    }
}

struct BlobJob: JobHandler {
    struct Payload: Codable, Sendable { var text: String }
    static let kind: JobKind = "test.blob"
    func run(_ payload: Payload, context: JobContext) async throws {}
}

struct NumberJob: JobHandler {
    struct Payload: Codable, Sendable { var number: Double }
    static let kind: JobKind = "test.number"
    func run(_ payload: Payload, context: JobContext) async throws {}
}
