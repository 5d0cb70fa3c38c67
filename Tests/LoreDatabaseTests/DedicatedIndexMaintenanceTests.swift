import Foundation
import LoreCore
import LoreTestSupport
import PostgresNIO
import Testing
@testable import LoreDatabase

/// The maintenance pass on dedicated organisations: a month created after the switch gets the
/// organisation's indexes on the next pass, and organisations whose partitions all have theirs are
/// not visited again; keyword matches read the organisation's own keyword index.
@Suite struct DedicatedIndexMaintenanceTests {
    /// An organisation of three chunks with one model, `m`, and its search profile.
    static func smallOrganisation(_ database: Database) async throws -> OrgID {
        let org = try await database.makeOrg()
        let media = UUID()
        try await database.withOrg(org.id) { tx in
            try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.id.uuid), \(media), 't', 1, sha256('x'::bytea), 'b')")
            try await tx.ensurePartition(.chunks, for: Date())
            for index in 0..<3 {
                let vector = VectorText.encode((0..<384).map { Float(($0 + index) % 7) - 3 })
                try await tx.query("""
                    INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind, embedding_model, embedding_strategy, embedding_384, ident_tokens)
                    VALUES (\(org.id.uuid), \(UUID()), \(media), \(index), 'turbine blade report', 'document', 'm', 'lightweight', \(vector)::vector,
                            \(["ppr-900\(index)"]))
                    """)
            }
            try await tx.query("INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count) VALUES (\(org.id.uuid), 'm', 'lightweight', 3)")
        }
        return org.id
    }

    /// Runs `sql` as the schema's owner (the role that builds indexes and may analyse and drop them).
    static func asOwner(_ database: Database, _ sql: String) async throws {
        let endpoint = database.endpoint
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: database.logger) { conn in
            _ = try await conn.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
        }
    }

    @Test func aMonthCreatedAfterTheSwitchGetsItsIndexOnTheNextPass() async throws {
        try await TestCluster.withNewDatabase { database in
            let org = try await Self.smallOrganisation(database)
            let manager = SearchIndexManager(database: database, dedicatedThreshold: 2)
            let first = try await manager.maintain()
            #expect(first.switched == 1 && first.indexesBuilt >= 1, "\(first)")
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)

            // A month ahead, as the partition maintenance job creates them: the organisation lacks its index there.
            try await database.withService { tx in
                try await tx.query("SELECT lore.ensure_month_partition('chunks', now() + interval '3 months')")
            }
            #expect(try await manager.dedicatedProfilesMissingIndexes().map(\.org) == [org])
            let second = try await manager.maintain()
            // Its vector and its keyword index on the new month's partition.
            #expect(second.switched == 0 && second.indexesBuilt == 2, "\(second)")
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)
            // A pass with nothing to do builds nothing.
            let third = try await manager.maintain()
            #expect(third.switched == 0 && third.indexesBuilt == 0, "\(third)")
        }
    }

    @Test func keywordMatchesReadTheOrganisationsOwnIndex() async throws {
        try await TestCluster.withNewDatabase { database in
            let org = try await Self.smallOrganisation(database)
            // Another organisation with the same words and identifiers.
            let other = try await Self.smallOrganisation(database)
            // Enough other chunks that an index is the planner's way to the few matches.
            for id in [org, other] {
                try await database.withOrg(id) { tx in
                    try await tx.query("""
                        INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind)
                        SELECT \(id.uuid), gen_random_uuid(), (SELECT media_id FROM chunks LIMIT 1), 10 + g, 'filler line ' || g, 'document'
                          FROM generate_series(1, 400) g
                        """)
                }
            }
            try await Self.asOwner(database, "ANALYZE lore.chunks")
            let manager = SearchIndexManager(database: database, dedicatedThreshold: 2)
            _ = try await manager.maintain()
            let stem = String(SearchIndexManager.orgHex(org))
            let indexes = try await database.withService { tx in
                try await tx.query("""
                    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                     WHERE c.relname LIKE \("%\\_k\\_" + stem) AND i.indisvalid
                    """).collect().map { try $0.decode(String.self) }
            }
            #expect(!indexes.isEmpty)
            let partitions = try await database.withService { tx in
                try await tx.query(SearchIndexManager.organisationPartitions(org)).collect().map { try $0.decode(String.self) }
            }
            #expect(Set(indexes) == Set(partitions.map { SearchIndexManager.keywordIndexName(partition: $0, org: org) }))

            // A term and an identifier, each matched through the organisation's own index (scans
            // counted in this transaction's statistics), and only its own chunks.
            for query in [KeywordSearchQuery(scoringText: "turbine", constraint: nil, identifiers: []),
                          KeywordSearchQuery(scoringText: "", constraint: nil, identifiers: ["ppr-9001"])] {
                try await database.withOrg(org) { tx in
                    let found = try await tx.keywordChunks(query, config: "english", corpusSize: 3, filters: SearchFilters(), limit: 10)
                    #expect(found.count == (query.identifiers.isEmpty ? 3 : 1), "\(query)")
                    let own = try await tx.query("SELECT id FROM chunks").collect().map { try $0.decode(UUID.self) }
                    #expect(Set(found.map(\.id)).isSubset(of: Set(own)))
                    let scans = try await tx.query("""
                        SELECT coalesce(sum(pg_stat_get_xact_numscans(c.oid)), 0)::int8 FROM pg_class c
                         WHERE c.relname LIKE \("%\\_k\\_" + stem)
                        """).collect().first?.decode(Int64.self) ?? 0
                    #expect(scans >= 1, "\(query)")
                }
            }
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)

            // Without its keyword index (an organisation switched before they existed), it is
            // found missing and built on the next pass.
            try await Self.asOwner(database, "DROP INDEX lore.\(indexes[0])")
            #expect(try await manager.dedicatedProfilesMissingIndexes().map(\.org) == [org])
            let repaired = try await manager.maintain()
            #expect(repaired.indexesBuilt == 1, "\(repaired)")
            #expect(try await manager.dedicatedProfilesMissingIndexes().isEmpty)
        }
    }
}
