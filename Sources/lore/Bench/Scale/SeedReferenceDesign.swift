import Foundation
import Logging
import LoreCore
import LoreDatabase
import PostgresNIO

/// The seed design the scale benchmark compares against: one shared IVFFlat index
/// (`lists = 100`) over every organisation's vectors, row-level security through
/// `org_id IN (SELECT org_id FROM users WHERE id = …)`, and no routing — the query is the same
/// for every organisation and the policy filters what the index returns.
struct SeedReferenceDesign {
    let database: Database

    /// Copies the loaded chunks into the reference schema and builds its index (as the owner).
    func build(orgs: [ScaleLoader.Organisation]) async throws -> (seconds: Double, indexBytes: Int64) {
        let endpoint = database.endpoint
        let logger = database.logger
        let started = ContinuousClock.now
        var bytes: Int64 = 0
        // A run that failed before its drop may have left one behind.
        try await drop()
        // The owner defines the design; the service role copies the rows (the owner itself is
        // subject to Lore's forced row-level security and sees no tenant rows).
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: logger) { conn in
            for statement in [
                "CREATE SCHEMA seedref",
                "CREATE TABLE seedref.users (id uuid PRIMARY KEY, org_id uuid NOT NULL)",
                "CREATE TABLE seedref.chunks (org_id uuid NOT NULL, id uuid PRIMARY KEY, embedding vector(384) NOT NULL)",
                "GRANT USAGE ON SCHEMA seedref TO lore_app, lore_service",
                "GRANT SELECT ON seedref.chunks, seedref.users TO lore_app",
                "GRANT SELECT, INSERT ON seedref.chunks, seedref.users TO lore_service",
            ] {
                _ = try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        try await database.withService { tx in
            try await tx.query("INSERT INTO seedref.chunks SELECT org_id, id, embedding_384 FROM lore.chunks WHERE embedding_384 IS NOT NULL")
            // One user per organisation, with the organisation's id as the user's id.
            try await tx.query("INSERT INTO seedref.users SELECT id, id FROM lore.organizations")
        }
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: logger) { conn in
            for statement in [
                "SET maintenance_work_mem = '1GB'",
                "CREATE INDEX seedref_chunks_ivfflat ON seedref.chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100)",
                "ALTER TABLE seedref.chunks ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE seedref.chunks FORCE ROW LEVEL SECURITY",
                "CREATE POLICY by_user ON seedref.chunks USING (org_id IN (SELECT org_id FROM seedref.users WHERE id = current_setting('app.user_id')::uuid))",
                // VACUUM as well: left to autovacuum (1M inserted rows pass its insert threshold),
                // the first vacuum of the copy would write the table again during the measurements.
                "VACUUM (ANALYZE) seedref.chunks",
                "VACUUM (ANALYZE) seedref.users",
            ] {
                _ = try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            bytes = try await conn.query("SELECT pg_relation_size('seedref.seedref_chunks_ivfflat')", logger: logger).collect().first?.decode(Int64.self) ?? 0
        }
        let seconds = (ContinuousClock.now - started).seconds
        // The copy leaves ~1.5 GB of dirty buffers. Written now, they do not have the
        // checkpointer competing with the measurements that follow (CHECKPOINT needs a
        // superuser: the embedded server's; elsewhere the writes stay in the background).
        if let superuser = endpoint.superuser {
            try await SingleConnection.with(try endpoint.connectionConfiguration(superuser), logger: logger) { conn in
                _ = try await conn.query("CHECKPOINT", logger: logger)
            }
        }
        return (seconds, bytes)
    }

    /// Drops the design (once it is measured, and before it is built again): at 1M chunks its
    /// 3 GB of table and index would otherwise hold shared buffers Lore's own measurements need
    /// (and come back with them on the next start, through autoprewarm, for a later
    /// `--reuse --skip-reference` run).
    func drop() async throws {
        let endpoint = database.endpoint
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: database.logger) { conn in
            _ = try await conn.query("DROP SCHEMA IF EXISTS seedref CASCADE", logger: database.logger)
        }
    }

    /// The index's lists: `probes` at this value scans all of them, an exact search.
    static let lists = 100

    /// Nearest 10 as the seed design answers (the user's organisation only through the policy),
    /// and the milliseconds of the query's own round trip. `probes`: how many of the index's
    /// lists the query scans (pgvector's default, 1, when nil).
    func nearest(org: OrgID, vector: [Float], probes: Int? = nil) async throws -> ScaleBenchmark.Answer {
        try await database.withOrg(org) { tx in
            // The seed's policy keys on the user; each organisation's user has the org's id.
            let probes = String(probes ?? 1)
            try await tx.query("SELECT set_config('app.user_id', \(org.description), true), set_config('ivfflat.probes', \(probes), true)")
            return try await ScaleBenchmark.stopwatch {
                try await tx.query("""
                    SELECT id FROM seedref.chunks ORDER BY embedding <=> \(ScaleLoader.vectorText(vector))::vector(384) LIMIT 10
                    """).collect().map { try $0.decode(UUID.self) }
            }
        }
    }
}
