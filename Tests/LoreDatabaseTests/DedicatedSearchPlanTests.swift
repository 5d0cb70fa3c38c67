import Foundation
import LoreCore
import LoreTestSupport
import PostgresNIO
import Testing
@testable import LoreDatabase

/// How a dedicated organisation's vector search is planned: unfiltered searches run a statement
/// prepared once per connection and run on a generic plan from the first time, which still scans the
/// organisation's own partial index; filtered ones are planned each time and scan it too. Both
/// stay inside the organisation, whoever's vectors are nearest.
@Suite struct DedicatedSearchPlanTests {
    static let model = "m"

    @Test func unfilteredSearchesKeepAGenericPlanOnThePartialIndex() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let (org, other) = (try await database.makeOrg(), try await database.makeOrg())
            try await Self.insertChunks(database, org: org.id, count: 40, offset: 0)
            // The other organisation holds the exact copies of the query vectors.
            try await Self.insertChunks(database, org: other.id, count: 40, offset: 0)
            let manager = SearchIndexManager(database: database, dedicatedThreshold: 2)
            _ = try await manager.maintain()
            let index = try await Self.partialIndex(database, org: org.id)
            // Statistics, as autovacuum would gather them sooner or later (see below).
            _ = try await database.serviceStatement("ANALYZE lore.chunks")

            // With 40 rows a sequential scan and sort is cheaper than any index once the table has
            // statistics (at the dedicated threshold, 1,000 rows, it is not): without sequential
            // scans the planner must choose between the partial index, which it can only use
            // when the organisation is a constant, and the (org_id, embedding_model) btree.
            var values = TransactionSettings.vectorSearch(route: .dedicated, efSearch: 40, limit: 5).values
            values["enable_seqscan"] = "off"
            let settings = TransactionSettings(values)
            let ours = Set(try await database.withOrg(org.id) { tx in
                try await tx.query("SELECT id FROM chunks").decode(UUID.self).reduce(into: [UUID]()) { $0.append($1) }
            })
            for round in 0..<8 {
                let query = Self.vector(round)
                let (found, scans, exact) = try await database.withOrg(org.id, settings: settings) { tx in
                    let found = try await tx.nearestChunks(model: Self.model, strategy: .lightweight, vector: query, route: .dedicated,
                                                          filters: SearchFilters(), limit: 5, efSearch: 40)
                    let scans = try await tx.query("SELECT pg_stat_get_xact_numscans(\(index)::regclass)").collect().first!.decode(Int64.self)
                    let exact = try await tx.nearestChunks(model: Self.model, strategy: .lightweight, vector: query, route: .exact,
                                                          filters: SearchFilters(), limit: 5)
                    return (found, scans, exact)
                }
                #expect(found.count == 5 && found.allSatisfy { ours.contains($0.id) }, "round \(round): \(found)")
                #expect(found.first?.id == exact.first?.id, "round \(round)")
                #expect(scans >= 1, "round \(round): the organisation's partial index was not scanned")
            }
            // One statement on the pool's one connection, planned generically from the first
            // execution (never custom).
            let plans = try await database.withOrg(org.id) { tx in
                try await tx.query("""
                    SELECT count(*), coalesce(sum(generic_plans), 0)::int8, coalesce(sum(custom_plans), 0)::int8
                      FROM pg_prepared_statements WHERE statement ILIKE '%' || \(org.id.description) || '%LIMIT 5)%'
                    """).collect().first!.decode((Int64, Int64, Int64).self)
            }
            #expect(plans.0 == 1 && plans.1 == 8 && plans.2 == 0, "\(plans)")
            // The plan it keeps: generic (the vector a parameter) and on the partial index.
            let plan = try await database.withOrg(org.id, settings: settings) { tx in
                let name = try await tx.query("""
                    SELECT name FROM pg_prepared_statements WHERE statement ILIKE '%' || \(org.id.description) || '%LIMIT 5)%'
                    """).collect().first!.decode(String.self)
                let literal = PreparedStatements.literal(VectorText.encode(Self.vector(2)))
                try await tx.query(PreparedStatements.forceGenericPlans)  // as `PreparedStatements.run` executes it
                return try await tx.query(PostgresQuery(unsafeSQL: "EXPLAIN (COSTS OFF) EXECUTE \(name)(\(literal))"))
                    .decode(String.self).reduce(into: "") { $0 += $1 + "\n" }
            }
            #expect(plan.contains(index.replacingOccurrences(of: "lore.", with: "")) && plan.contains("<=> $1"), "\(plan)")

            // Filtered: an unnamed statement, custom-planned, on the same partial index.
            var filters = SearchFilters()
            filters.contentKinds = [.document]
            let (filtered, scans) = try await database.withOrg(org.id, settings: settings) { tx in
                let found = try await tx.nearestChunks(model: Self.model, strategy: .lightweight, vector: Self.vector(3), route: .dedicated,
                                                      filters: filters, limit: 5, efSearch: 40)
                let scans = try await tx.query("SELECT pg_stat_get_xact_numscans(\(index)::regclass)").collect().first!.decode(Int64.self)
                return (found, scans)
            }
            #expect(filtered.count == 5 && filtered.allSatisfy { ours.contains($0.id) } && scans >= 1, "\(filtered) \(scans)")

            // A new month changes the table the statement reads: PostgreSQL plans it again.
            try await database.withService { tx in
                try await tx.query("SELECT lore.ensure_month_partition('chunks', now() + interval '2 months')")
            }
            _ = try await manager.maintain()
            let after = try await database.withOrg(org.id, settings: settings) { tx in
                try await tx.nearestChunks(model: Self.model, strategy: .lightweight, vector: Self.vector(1), route: .dedicated,
                                           filters: SearchFilters(), limit: 5, efSearch: 40)
            }
            #expect(after.count == 5 && after.allSatisfy { ours.contains($0.id) })
        }
    }

    /// Each connection keeps at most `capacity` statements and deallocates the least recently
    /// used; `plan_cache_mode` is forced only while one runs.
    @Test func aConnectionKeepsItsMostRecentlyUsedStatements() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let statements = PreparedStatements(capacity: 2)
            let names = try await database.withService { tx in
                for value in [1, 2, 1, 3] {
                    let rows = try await statements.run("SELECT \(value)::int8 + $1", arguments: [("10", "int8")], on: tx.connection, logger: TestCluster.logger)
                    #expect(try rows.first?.decode(Int64.self) == Int64(10 + value))
                }
                #expect(statements.count(on: tx.connection) == 2)
                // Generic plans were forced for the EXECUTEs alone: the transaction's own statements plan as usual.
                let mode = try await tx.query("SELECT current_setting('plan_cache_mode')").collect().first?.decode(String.self)
                #expect(mode == "auto")
                return try await tx.query("SELECT statement FROM pg_prepared_statements ORDER BY statement")
                    .decode(String.self).reduce(into: [String]()) { $0.append($1) }
            }
            // 2 was used least recently when 3 arrived.
            #expect(names.map { $0.components(separatedBy: " AS ").last! } == ["SELECT 1::int8 + $1", "SELECT 3::int8 + $1"], "\(names)")
        }
    }

    /// A unit vector of `dimensions` pointing mostly along axis `n`.
    static func vector(_ n: Int, dimensions: Int = 384) -> [Float] {
        var values = (0..<dimensions).map { Float(($0 * 7 + n) % 11) / 100 }
        values[n % dimensions] += 1
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    static func insertChunks(_ database: Database, org: OrgID, count: Int, offset: Int) async throws {
        let media = UUID()
        try await database.withOrg(org) { tx in
            try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.uuid), \(media), 't', 1, sha256('x'::bytea), 'b')")
            try await tx.ensurePartition(.chunks, for: Date())
            for index in 0..<count {
                try await tx.query("""
                    INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind, embedding_model, embedding_strategy, embedding_384)
                    VALUES (\(org.uuid), \(UUID()), \(media), \(index), 'turbine blade report', 'document', \(model), 'lightweight',
                            \(VectorText.encode(vector(offset + index)))::vector)
                    """)
            }
            try await tx.query("INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count) VALUES (\(org.uuid), \(model), 'lightweight', \(Int64(count)))")
        }
    }

    /// The name of `org`'s partial index on this month's partition.
    static func partialIndex(_ database: Database, org: OrgID) async throws -> String {
        let prefix = String(org.uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
        let rows = try await database.serviceStatement("""
            SELECT 'lore.' || c.relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
             WHERE c.relname LIKE '%\\_h\\_' || \(prefix) || '\\_%' AND i.indrelid = (SELECT tableoid FROM lore.chunks WHERE org_id = \(org.uuid) LIMIT 1)
            """)
        return try #require(try rows.first?.decode(String.self))
    }
}
