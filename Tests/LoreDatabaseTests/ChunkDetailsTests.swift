import Foundation
import LoreCore
import LoreTestSupport
import PostgresNIO
import Testing
@testable import LoreDatabase

/// A search's hits are hydrated by `lore.chunk_details` (one generic plan per connection): the
/// transaction's organisation's chunks only, whatever ids it is handed, with highlights when
/// asked, and never without an organisation.
@Suite struct ChunkDetailsTests {
    @Test func detailsComeFromTheTransactionsOrganisationOnly() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let (org, other) = (try await database.makeOrg(), try await database.makeOrg())
            try await DedicatedSearchPlanTests.insertChunks(database, org: org.id, count: 6, offset: 0)
            try await DedicatedSearchPlanTests.insertChunks(database, org: other.id, count: 6, offset: 0)
            let keys: @Sendable (OrgID) async throws -> [(UUID, Date)] = { tenant in
                try await database.withOrg(tenant) { tx in
                    try await tx.query("SELECT id, created_at FROM chunks ORDER BY chunk_index").decode((UUID, Date).self)
                        .reduce(into: [(UUID, Date)]()) { $0.append($1) }
                }
            }
            let (ours, theirs) = (try await keys(org.id), try await keys(other.id))
            // Eight rounds on one connection: the function's plan is cached after the first.
            for round in 0..<8 {
                let asked = round % 2 == 0 ? ours + theirs : theirs + ours
                let hits = try await database.withOrg(org.id) { tx in
                    try await tx.hydrateChunks(asked, highlightQuery: round % 4 == 0 ? nil : "turbine", config: "english")
                }
                #expect(Set(hits.keys) == Set(ours.map(\.0)), "round \(round)")
                for hit in hits.values {
                    #expect(hit.content == "turbine blade report" && hit.mediaTitle == "t" && hit.contentKind == .document)
                    #expect(hit.headline == (round % 4 == 0 ? nil : "<mark>turbine</mark> blade report"), "round \(round)")
                }
            }
            // A chunk asked for with the wrong time is not found (the times prune the months).
            let shifted = try await database.withOrg(org.id) { tx in
                try await tx.hydrateChunks([(ours[0].0, ours[0].1.addingTimeInterval(1))], highlightQuery: nil, config: "english")
            }
            #expect(shifted.isEmpty)
            // The service role bypasses row-level security, so the function's own check refuses.
            let refusal = await ExactSearchTests.sqlState {
                try await database.withService { tx in
                    _ = try await tx.query("SELECT * FROM lore.chunk_details(\([ours[0].0])::uuid[], \([ours[0].1])::timestamptz[], NULL)").collect()
                }
            }
            #expect(refusal == "42501")
        }
    }
}
