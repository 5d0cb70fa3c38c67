import Foundation
import LoreCore
import LoreTestSupport
import Testing
@testable import LoreDatabase

/// The maintenance pass on dedicated organisations: a month created after the switch gets the
/// organisation's index on the next pass, and organisations whose partitions all have theirs are
/// not visited again.
@Suite struct DedicatedIndexMaintenanceTests {
    @Test func aMonthCreatedAfterTheSwitchGetsItsIndexOnTheNextPass() async throws {
        try await TestCluster.withNewDatabase { database in
            let org = try await database.makeOrg()
            let media = UUID()
            try await database.withOrg(org.id) { tx in
                try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.id.uuid), \(media), 't', 1, sha256('x'::bytea), 'b')")
                try await tx.ensurePartition(.chunks, for: Date())
                for index in 0..<3 {
                    let vector = VectorText.encode((0..<384).map { Float(($0 + index) % 7) - 3 })
                    try await tx.query("""
                        INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind, embedding_model, embedding_strategy, embedding_384)
                        VALUES (\(org.id.uuid), \(UUID()), \(media), \(index), 'turbine blade report', 'document', 'm', 'lightweight', \(vector)::vector)
                        """)
                }
                try await tx.query("INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count) VALUES (\(org.id.uuid), 'm', 'lightweight', 3)")
            }
            let manager = SearchIndexManager(database: database, dedicatedThreshold: 2)
            let first = try await manager.maintain()
            #expect(first.switched == 1 && first.indexesBuilt >= 1, "\(first)")
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)

            // A month ahead, as the partition maintenance job creates them: the organisation lacks its index there.
            try await database.withService { tx in
                try await tx.query("SELECT lore.ensure_month_partition('chunks', now() + interval '3 months')")
            }
            #expect(try await manager.dedicatedProfilesMissingIndexes().map(\.org) == [org.id])
            let second = try await manager.maintain()
            #expect(second.switched == 0 && second.indexesBuilt == 1, "\(second)")
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)
            // A pass with nothing to do builds nothing.
            let third = try await manager.maintain()
            #expect(third.switched == 0 && third.indexesBuilt == 0, "\(third)")
        }
    }
}
