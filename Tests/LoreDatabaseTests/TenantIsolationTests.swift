import Foundation
import PostgresNIO
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// Acting as organisation A on organisation B's rows, for every tenant table and command.
@Suite struct TenantIsolationTests {
    struct Seeded: Sendable {
        let org: UUID
        let rowID: UUID
    }

    /// Writes one fixture row of `table` for `org` (as that org) and returns its id.
    static func seed(_ table: String, org: UUID, in database: Database) async throws -> UUID {
        let fixture = TenantFixtures.inserts[table]!
        let id = table == "organizations" ? org : UUID()
        let media = UUID()
        try await database.withOrg(OrgID(org)) { tx in
            // Every tenant row hangs off its organisation (and some off a media item).
            _ = try await tx.query(TenantFixtures.inserts["organizations"]!.insert(org, org, org))
            if TenantFixtures.needsMedia.contains(table) {
                _ = try await tx.query(TenantFixtures.inserts["media"]!.insert(org, media, media))
            }
            if table != "organizations" {
                _ = try await tx.query(fixture.insert(org, id, media))
            }
        }
        return id
    }

    @Test(arguments: TenantFixtures.inserts.keys.sorted())
    func organisationACannotTouchOrganisationBRows(table: String) async throws {
        let database = try await TestDatabase.shared.database()
        let orgA = UUID(), orgB = UUID()
        _ = try await Self.seed("org_usage", org: orgA, in: database)
        let rowB = try await Self.seed(table, org: orgB, in: database)
        let column = TenantFixtures.inserts[table]!.orgColumn

        // Control: B sees its row.
        let visibleToB = try await database.withOrg(OrgID(orgB)) { tx in
            try await tx.count("SELECT 1 FROM \(unescaped: table) WHERE \(unescaped: column) = \(orgB)")
        }
        #expect(visibleToB >= 1)

        let a = OrgID(orgA)
        let selected = try await database.withOrg(a) { tx in
            try await tx.count("SELECT 1 FROM \(unescaped: table) WHERE \(unescaped: column) = \(orgB)")
        }
        let selectedAll = try await database.withOrg(a) { tx in
            try await tx.count("SELECT 1 FROM \(unescaped: table) WHERE \(unescaped: column) <> \(orgA)")
        }
        let updated = try await database.withOrg(a) { tx in
            try await tx.count("UPDATE \(unescaped: table) SET \(unescaped: column) = \(unescaped: column) WHERE \(unescaped: column) = \(orgB) RETURNING 1")
        }
        let deleted = try await database.withOrg(a) { tx in
            try await tx.count("DELETE FROM \(unescaped: table) WHERE \(unescaped: column) = \(orgB) RETURNING 1")
        }
        #expect(selected == 0)
        #expect(selectedAll == 0)
        #expect(updated == 0)
        #expect(deleted == 0)

        // Writing a row that names org B fails the policy's check.
        let media = UUID()
        await #expect(throws: LoreError.self) {
            try await database.withOrg(a) { tx in
                if TenantFixtures.needsMedia.contains(table) {
                    _ = try await tx.query(TenantFixtures.inserts["media"]!.insert(orgA, media, media))
                }
                _ = try await tx.query(TenantFixtures.inserts[table]!.insert(orgB, UUID(), media))
            }
        }
        // Moving one's own row to org B fails the check too.
        if table != "organizations" {
            _ = try await Self.seed(table, org: orgA, in: database)
            await #expect(throws: LoreError.self) {
                try await database.withOrg(a) { tx in
                    try await tx.query("UPDATE \(unescaped: table) SET \(unescaped: column) = \(orgB) WHERE \(unescaped: column) = \(orgA)")
                }
            }
        }
        // B's row is untouched.
        let stillThere = try await database.withOrg(OrgID(orgB)) { tx in
            try await tx.count("SELECT 1 FROM \(unescaped: table) WHERE \(unescaped: column) = \(orgB)")
        }
        #expect(stillThere == visibleToB)
        _ = rowB
    }

    @Test func noTenantAndEmptyTenantSeeNothing() async throws {
        let database = try await TestDatabase.shared.database()
        let org = UUID()
        _ = try await Self.seed("media", org: org, in: database)
        let endpoint = database.endpoint
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.app), logger: TestCluster.logger) { conn in
            let logger = TestCluster.logger
            // Never set in this session.
            let unset = try await conn.query("SELECT count(*)::int FROM media", logger: logger).collect().first!.decode(Int.self)
            #expect(unset == 0)
            // Set transaction-locally by a previous transaction: afterwards the setting is empty.
            _ = try await conn.query("BEGIN", logger: logger)
            _ = try await conn.query("SELECT set_config('lore.org_id', \(org.uuidString), true)", logger: logger)
            let inside = try await conn.query("SELECT count(*)::int FROM media", logger: logger).collect().first!.decode(Int.self)
            _ = try await conn.query("COMMIT", logger: logger)
            #expect(inside >= 1)
            let setting = try await conn.query("SELECT current_setting('lore.org_id', true)", logger: logger).collect().first!.decode(String?.self)
            #expect(setting == nil || setting == "")
            let after = try await conn.query("SELECT count(*)::int FROM media", logger: logger).collect().first!.decode(Int.self)
            #expect(after == 0)
            // A malformed tenant fails loudly rather than matching anything.
            _ = try await conn.query("BEGIN", logger: logger)
            _ = try await conn.query("SELECT set_config('lore.org_id', 'not-a-uuid', true)", logger: logger)
            await #expect(throws: (any Error).self) {
                _ = try await conn.query("SELECT count(*)::int FROM media", logger: logger).collect()
            }
            _ = try await conn.query("ROLLBACK", logger: logger)
        }
    }

    /// The keyword lookups run as the service role (so GIN indexes serve them) and must filter
    /// by the transaction's organisation themselves: only its rows, and nothing without one.
    @Test func keywordLookupsReadOnlyTheTransactionsOrganisation() async throws {
        let database = try await TestDatabase.shared.database()
        let orgA = UUID(), orgB = UUID()
        let chunkA = try await Self.seed("chunks", org: orgA, in: database)
        _ = try await Self.seed("chunks", org: orgB, in: database)
        let matches = "SELECT id FROM lore.keyword_matches('hello'::tsquery, '{}', NULL, 100, '{}', '{}', '{}', NULL, NULL, '{}', '{}', '{}', '{}')"
        let ids = try await database.withOrg(OrgID(orgA)) { tx in
            try await tx.query(PostgresQuery(unsafeSQL: matches)).collect().map { try $0.decode(UUID.self) }
        }
        #expect(ids == [chunkA])
        let frequencies = try await database.withOrg(OrgID(orgA)) { tx in
            try await tx.query("SELECT lore.keyword_document_frequencies(ARRAY['hello', 'absent']::tsquery[], ARRAY['hello', 'absent'], 1000, 100, 1)")
                .collect().first?.decode([Double].self)
        }
        #expect(frequencies == [1, 0])

        let endpoint = database.endpoint
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.app), logger: TestCluster.logger) { conn in
            await #expect(throws: (any Error).self) {
                _ = try await conn.query(PostgresQuery(unsafeSQL: matches), logger: TestCluster.logger).collect()
            }
            await #expect(throws: (any Error).self) {
                _ = try await conn.query("SELECT lore.keyword_document_frequencies(ARRAY['hello']::tsquery[], ARRAY['hello'], 1000, 100, 1)",
                                         logger: TestCluster.logger).collect()
            }
        }
    }
}
