import Foundation
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

@Suite struct MigrationTests {
    @Test func migratesFromEmptyAndReRunsAsANoOp() async throws {
        let endpoint = try await TestCluster.shared.makeDatabase(migrate: false)
        let migrator = Migrator(endpoint: endpoint, logger: TestCluster.logger)
        #expect(try await migrator.status().allSatisfy { $0.state == "pending" })
        #expect(try await migrator.migrate() == Migration.all.map(\.version))
        #expect(try await migrator.migrate().isEmpty)
        #expect(try await migrator.isCurrent())
        let status = try await migrator.status()
        #expect(status.allSatisfy { $0.state == "applied" && $0.appliedAt != nil })
    }

    @Test func aChangedAppliedMigrationIsAnError() async throws {
        let endpoint = try await TestCluster.shared.makeDatabase()
        let first = Migration.all[0]
        let edited = Migration(version: first.version, name: first.name, sql: first.sql + "\n-- edited")
        let migrator = Migrator(endpoint: endpoint, migrations: [edited] + Migration.all.dropFirst(), logger: TestCluster.logger)
        await #expect(throws: LoreError.self) { try await migrator.migrate() }
        #expect(try await migrator.status().first?.state == "changed")
        #expect(try await migrator.isCurrent() == false)
    }

    @Test func aDatabaseFromANewerLoreIsAnError() async throws {
        let endpoint = try await TestCluster.shared.makeDatabase()
        let future = Migration(version: 9_999, name: "future", sql: "SELECT 1")
        try await Migrator(endpoint: endpoint, migrations: Migration.all + [future], logger: TestCluster.logger).migrate()
        do {
            try await Migrator(endpoint: endpoint, logger: TestCluster.logger).migrate()
            Issue.record("expected an error")
        } catch let error as LoreError {
            #expect(error.code == .migrationMismatch)
        }
    }

    @Test func concurrentStartersApplyEachMigrationOnce() async throws {
        let endpoint = try await TestCluster.shared.makeDatabase(migrate: false)
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask { try await Migrator(endpoint: endpoint, logger: TestCluster.logger).migrate() }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == Migration.all.map(\.version))
    }

    @Test func partitionsAreCreatedOnDemandForAnyMonth() async throws {
        try await TestCluster.withNewDatabase { database in
            let org = try await database.makeOrg()
            let media = UUID()
            let old = ISO8601DateFormatter().date(from: "2019-03-15T10:00:00Z")!
            let future = ISO8601DateFormatter().date(from: "2031-07-01T00:00:00Z")!
            try await database.withOrg(org.id) { tx in
                try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.id.uuid), \(media), 't', 1, sha256('x'::bytea), 'b')")
                for date in [old, future] {
                    try await tx.ensurePartition(.chunks, for: date)
                    try await tx.query("""
                        INSERT INTO chunks (org_id, id, created_at, media_id, chunk_index, content, content_kind)
                        VALUES (\(org.id.uuid), \(UUID()), \(date), \(media), 0, 'hello', 'document')
                        """)
                }
            }
            let partitions = try await database.withService { tx in
                try await tx.query("""
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'lore.chunks'::regclass
                    """).collect().map { try $0.decode(String.self) }
            }
            #expect(partitions.contains("chunks_y2019m03"))
            #expect(partitions.contains("chunks_y2031m07"))
            // Current and next month exist from the migration itself.
            let month = PartitionCache.monthStart(Date())
            let name = "chunks_y" + Self.yearMonth(month)
            #expect(partitions.contains(name))
            // The new partitions are tenant tables like their parent.
            let secured = try await database.withService { tx in
                try await tx.query("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'chunks_y2019m03'").collect().first!.decode(Bool.self)
            }
            #expect(secured)
            let count = try await database.withOrg(org.id) { tx in try await tx.count("SELECT 1 FROM chunks") }
            #expect(count == 2)

            // Embeddings and lexemes stay in the row (no TOAST lookup per row in exact scans or `@@`), in new partitions too.
            // (The content barely compresses, so without `STORAGE MAIN` the vector would move out.)
            let vector = "[" + (0..<384).map { String(Double($0 % 7) / 7) }.joined(separator: ",") + "]"
            let chunk = UUID()
            let outOfLine = try await database.withOrg(org.id) { tx in
                try await tx.query("""
                    INSERT INTO chunks (org_id, id, created_at, media_id, chunk_index, content, content_kind, embedding_384)
                    VALUES (\(org.id.uuid), \(chunk), \(old), \(media), 1, (SELECT string_agg(md5(g::text), ' ') FROM generate_series(1, 40) g), 'document', \(vector)::vector)
                    """)
                return try await tx.query("""
                    SELECT pg_column_toast_chunk_id(embedding_384) IS NOT NULL OR pg_column_toast_chunk_id(content_tsv) IS NOT NULL
                      FROM chunks WHERE id = \(chunk)
                    """).collect().first!.decode(Bool.self)
            }
            #expect(!outOfLine)
        }
    }

    /// Migration 8 splits every existing month of chunks into 16 hash partitions by
    /// organisation: rows (their generated lexemes recomputed), row security and routes survive;
    /// a dedicated index, gone with its old table, leaves its organisation on exact scans.
    @Test func chunkMonthsAreSplitByOrganisationWithTheirRows() async throws {
        let endpoint = try await TestCluster.shared.makeDatabase(migrate: false)
        let before = Array(Migration.all.prefix { $0.version < 8 })
        try await Migrator(endpoint: endpoint, migrations: before, logger: TestCluster.logger).migrate()
        try await TestCluster.withDatabase(endpoint, poolSize: 2) { database in
            let orgs = [try await database.makeOrg(), try await database.makeOrg()]
            let old = ISO8601DateFormatter().date(from: "2021-05-03T10:00:00Z")!
            for (number, org) in orgs.enumerated() {
                let media = UUID()
                try await database.withOrg(org.id) { tx in
                    try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.id.uuid), \(media), 't', 1, sha256('x'::bytea), 'b')")
                    for date in [old, Date()] {
                        try await tx.ensurePartition(.chunks, for: date)
                        for index in 0..<3 {
                            try await tx.query("""
                                INSERT INTO chunks (org_id, id, created_at, media_id, chunk_index, content, content_kind, embedding_model)
                                VALUES (\(org.id.uuid), \(UUID()), \(date), \(media), \(index), \("turbine blade report \(number)"), 'document', 'm')
                                """)
                        }
                    }
                    try await tx.query("INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count, route) VALUES (\(org.id.uuid), 'm', 'lightweight', 6, 'dedicated')")
                }
            }
            try await Migrator(endpoint: endpoint, logger: TestCluster.logger).migrate()

            for (number, org) in orgs.enumerated() {
                let (rows, matching, route) = try await database.withOrg(org.id) { tx in
                    (try await tx.count("SELECT 1 FROM chunks"),
                     try await tx.count("SELECT 1 FROM chunks WHERE content_tsv @@ to_tsquery('english', 'turbine') AND content LIKE \("%report \(number)")"),
                     try await tx.query("SELECT route FROM search_profiles").collect().first?.decode(String.self))
                }
                #expect(rows == 6 && matching == 6)
                #expect(route == "exact")
            }
            let layout = try await database.withService { tx in
                try await tx.query("""
                    SELECT month.relname, month.relkind::text, count(leaf.oid)::int8, bool_and(leaf.relforcerowsecurity) AND month.relforcerowsecurity
                      FROM pg_inherits m JOIN pg_class month ON month.oid = m.inhrelid
                      LEFT JOIN pg_inherits l ON l.inhparent = month.oid LEFT JOIN pg_class leaf ON leaf.oid = l.inhrelid
                     WHERE m.inhparent = 'lore.chunks'::regclass GROUP BY month.oid ORDER BY 1
                    """).collect().map { try $0.decode((String, String, Int64, Bool).self) }
            }
            #expect(layout.contains { $0.0 == "chunks_y2021m05" })
            #expect(layout.allSatisfy { $0.1 == "p" && $0.2 == 16 && $0.3 }, "\(layout)")
            let leftovers = try await database.withService { tx in
                try await tx.query("SELECT count(*)::int8 FROM pg_class WHERE relname LIKE '%unsplit%'").collect().first?.decode(Int64.self)
            }
            #expect(leftovers == 0)
        }
    }

    static func yearMonth(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04dm%02d", parts.year!, parts.month!)
    }
}

/// An external server must be PostgreSQL 15+ with pgvector 0.8+: anything less is one clear
/// error before migrating. (The embedded server, 18.6 with 0.8.6, passes in every test.)
@Suite struct ServerRequirementsTests {
    @Test func olderServersAndExtensionsAreNamed() throws {
        try ServerRequirements.check(serverVersionNum: 180_006, vectorVersion: "0.8.6")
        try ServerRequirements.check(serverVersionNum: 150_000, vectorVersion: "0.8.0")
        try ServerRequirements.check(serverVersionNum: 160_002, vectorVersion: "1.0")
        for (server, vector, mention) in [(140_011, "0.8.0", "PostgreSQL 14.11"), (160_000, "0.7.4", "pgvector 0.7.4"),
                                          (160_000, nil as String?, "not installed")] {
            do {
                try ServerRequirements.check(serverVersionNum: server, vectorVersion: vector)
                Issue.record("\(server) with \(vector ?? "no pgvector") passed")
            } catch let error as LoreError {
                #expect(error.code == .databaseUnsupported && error.message.contains(mention), "\(error.message)")
            }
        }
    }
}
