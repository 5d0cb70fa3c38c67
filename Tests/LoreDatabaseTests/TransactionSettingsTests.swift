import Foundation
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// A tenant transaction opened with settings has them, with its organisation, for itself only;
/// names and values are bound, so a hostile value is a value and not SQL.
@Suite struct TransactionSettingsTests {
    @Test func settingsLastForTheirTransactionOnly() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let org = try await database.makeOrg()
            let settings = TransactionSettings.vectorSearch(route: .dedicated, efSearch: 123, limit: 10)
            #expect(TransactionSettings.vectorSearch(route: .exact, efSearch: 123, limit: 10) == TransactionSettings())
            #expect(TransactionSettings.vectorSearch(route: .dedicated, efSearch: 40, limit: 100).values["hnsw.ef_search"] == "100")
            let inside = try await database.withOrg(org.id, settings: settings) { tx in
                #expect(tx.settings.includes(settings))
                return try await tx.query("""
                    SELECT current_setting('lore.org_id'), current_setting('hnsw.ef_search'), current_setting('hnsw.iterative_scan'), current_setting('plan_cache_mode')
                    """).collect().first!.decode((String, String, String, String).self)
            }
            // Plan caching stays PostgreSQL's choice (see `DedicatedSearchPlanTests`).
            #expect(inside == (org.id.description, "123", "relaxed_order", "auto"))
            // The pool's one connection, next transaction: back to the defaults (or to an empty
            // placeholder while pgvector's library is not loaded in that session).
            let after = try await database.withOrg(org.id) { tx in
                try await tx.query("SELECT current_setting('hnsw.ef_search'), current_setting('plan_cache_mode')").collect().first!.decode((String, String).self)
            }
            #expect(["40", ""].contains(after.0) && after.1 == "auto", "\(after)")

            let hostile = TransactionSettings(["application_name": "x'), set_config('lore.org_id', 'other', true) --"])
            let name = try await database.withOrg(org.id, settings: hostile) { tx in
                try await tx.query("SELECT current_setting('application_name'), current_setting('lore.org_id')").collect().first!.decode((String, String).self)
            }
            #expect(name == (hostile.values["application_name"]!, org.id.description))
            #expect(!settings.includes(hostile) && settings.includes(TransactionSettings()))
        }
    }

    /// Both pools plan without constraint exclusion (partition bounds prune Lore's tables; the
    /// CHECK constraints re-proved on every partition only cost planning time).
    @Test func connectionsStartWithoutConstraintExclusion() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let org = try await database.makeOrg()
            let tenant = try await database.withOrg(org.id) { tx in
                try await tx.query("SELECT current_setting('constraint_exclusion')").collect().first!.decode(String.self)
            }
            let service = try await database.withService { tx in
                try await tx.query("SELECT current_setting('constraint_exclusion')").collect().first!.decode(String.self)
            }
            #expect(tenant == "off" && service == "off")
        }
    }

    /// A transaction whose body or opening statement fails is rolled back, and the pool's one
    /// connection serves the next transaction (not stuck in an aborted one, no tenant left set).
    @Test func aFailedTransactionLeavesNothingBehind() async throws {
        struct Refused: Error {}
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let (first, second) = (try await database.makeOrg(), try await database.makeOrg())
            await #expect(throws: Refused.self) {
                try await database.withOrg(first.id) { tx in
                    try await tx.query("CREATE TEMP TABLE written_then_refused (x int)")
                    throw Refused()
                }
            }
            await #expect(throws: LoreError.self) {
                try await database.withOrg(first.id, settings: TransactionSettings(["statement_timeout": "forever"])) { _ in }
            }
            let (rolledBack, org) = try await database.withOrg(second.id) { tx in
                try await tx.query("SELECT to_regclass('pg_temp.written_then_refused') IS NULL, current_setting('lore.org_id')")
                    .collect().first!.decode((Bool, String).self)
            }
            #expect(rolledBack && org == second.id.description)
        }
    }
}

/// `withOrg(onConnectionLoop:)`: the body runs on its connection's event loop, before and after
/// each statement, and still inside its organisation.
@Suite struct ConnectionLoopTests {
    @Test func aBodyOnTheConnectionLoopResumesThereAfterEveryStatement() async throws {
        try await TestCluster.withNewDatabase(poolSize: 2) { database in
            let org = try await database.makeOrg()
            let (places, tenant) = try await database.withOrg(org.id, onConnectionLoop: true) { tx in
                var places = [tx.connection.eventLoop.inEventLoop]
                var tenant = ""
                for _ in 0..<3 {
                    tenant = try await tx.rows("SELECT current_setting('lore.org_id')").first!.decode(String.self)
                    places.append(tx.connection.eventLoop.inEventLoop)
                }
                return (places, tenant)
            }
            #expect(places == [true, true, true, true])
            #expect(tenant == org.id.description)
            // Without it, the body runs on the cooperative pool.
            let elsewhere = try await database.withOrg(org.id) { tx in
                _ = try await tx.rows("SELECT 1")
                return tx.connection.eventLoop.inEventLoop
            }
            #expect(!elsewhere)
        }
    }
}
