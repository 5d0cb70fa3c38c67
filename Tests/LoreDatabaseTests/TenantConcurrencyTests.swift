import Foundation
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// Many organisations hammering a small pool, with aborted transactions in between: a pooled
/// connection must never carry one organisation's tenant into another's transaction.
@Suite struct TenantConcurrencyTests {
    struct Abort: Error {}

    @Test func interleavedRequestsNeverSeeAnotherOrganisation() async throws {
        let shared = try await TestDatabase.shared.database()
        // A small pool of its own so connections are reused constantly.
        try await TestCluster.withDatabase(shared.endpoint, poolSize: 4) { database in

            var orgs: [OrgID] = []
            for _ in 0..<50 { orgs.append(try await database.makeOrg().id) }
            let organisations = orgs
            let requests = 10_000

            let (rowsSeen, crossTenant, aborted) = try await withThrowingTaskGroup(of: (Int, Int, Int).self) { group in
                var next = 0
                var totals = (0, 0, 0)
                func submit(_ i: Int) {
                    group.addTask {
                        let org = organisations[i % organisations.count]
                        var generator = SystemRandomNumberGenerator()
                        let roll = Int.random(in: 0..<10, using: &generator)
                        do {
                            return try await database.withOrg(org) { tx in
                                if roll < 3 {
                                    // Write, sometimes abort after writing.
                                    let id = UUID()
                                    try await tx.query("""
                                        INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key)
                                        VALUES (\(org.uuid), \(id), 'c', 1, sha256(\(id.uuidString)::bytea), 'b')
                                        """)
                                    if roll == 0 { throw Abort() }
                                    return (0, 0, 0)
                                }
                                // Read everything visible and count rows of other organisations.
                                var seen = 0, foreign = 0
                                for try await owner in try await tx.query("SELECT org_id FROM media").decode(UUID.self) {
                                    seen += 1
                                    if owner != org.uuid { foreign += 1 }
                                }
                                for try await owner in try await tx.query("SELECT id FROM organizations").decode(UUID.self) {
                                    seen += 1
                                    if owner != org.uuid { foreign += 1 }
                                }
                                return (seen, foreign, 0)
                            }
                        } catch is Abort {
                            return (0, 0, 1)
                        }
                    }
                }
                while next < min(64, requests) { submit(next); next += 1 }
                while let result = try await group.next() {
                    totals.0 += result.0; totals.1 += result.1; totals.2 += result.2
                    if next < requests { submit(next); next += 1 }
                }
                return totals
            }
            #expect(rowsSeen > requests)
            #expect(aborted > 0)
            #expect(crossTenant == 0, "cross-tenant rows = \(crossTenant) of \(rowsSeen)")
            print("tenant concurrency: \(requests) requests, 50 orgs, pool 4, \(aborted) aborted, cross-tenant rows = \(crossTenant) of \(rowsSeen)")
        }
    }
}
