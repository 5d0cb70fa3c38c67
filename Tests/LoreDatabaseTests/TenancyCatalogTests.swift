import Foundation
import PostgresNIO
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// The database's own catalog proves the tenancy rules hold for every table, present and future.
@Suite struct TenancyCatalogTests {
    @Test func everyTenantTableHasForcedRowLevelSecurityAndAPolicy() async throws {
        let database = try await TestDatabase.shared.database()
        let rows = try await database.withService { tx in
            try await tx.query("""
                SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'lore' AND c.relkind IN ('r', 'p')
                   AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
                        OR c.relname = 'organizations')
                """).collect()
        }
        var tables: [String] = []
        for row in rows {
            let (name, enabled, forced, policies) = try row.decode((String, Bool, Bool, Int).self)
            tables.append(name)
            #expect(enabled, "RLS not enabled on \(name)")
            #expect(forced, "RLS not forced on \(name)")
            #expect(policies >= 1, "no policy on \(name)")
        }
        #expect(tables.count >= TenantFixtures.inserts.count)
        // Partitions are tenant tables too; every parent table needs an isolation fixture.
        let parents = tables.filter { name in !name.contains("_y2") }
        for table in parents {
            #expect(TenantFixtures.inserts[table] != nil, "tenant table \(table) has no isolation fixture")
        }
    }

    @Test func applicationRoleOwnsNothingAndCannotBypass() async throws {
        let database = try await TestDatabase.shared.database()
        let org = try await database.makeOrg()
        let (user, superuser, bypass, owned) = try await database.withOrg(org.id) { tx in
            try await tx.query("""
                SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                       (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::int
                  FROM pg_roles r WHERE r.rolname = current_user
                """).collect().first!.decode((String, Bool, Bool, Int).self)
        }
        #expect(user == DatabaseRoles.app)
        #expect(!superuser)
        #expect(!bypass)
        #expect(owned == 0)
    }
}
