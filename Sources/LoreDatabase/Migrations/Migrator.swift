import Foundation
import Logging
import LoreCore
import PostgresNIO

/// Applies `Migration.all` in order as the owner role, recording each with its checksum.
///
/// Concurrent starters serialise on a PostgreSQL advisory lock, so exactly one applies a given
/// migration and the others then find it done. A recorded migration whose text changed, or a
/// database migrated by a newer Lore, is an error.
public struct Migrator: Sendable {
    public struct Status: Sendable, Encodable {
        public var version: Int
        public var name: String
        public var checksum: String
        public var appliedAt: Date?
        public var state: String

        enum CodingKeys: String, CodingKey {
            case version, name, checksum, state
            case appliedAt = "applied_at"
        }
    }

    /// Arbitrary constant naming Lore's migration lock.
    static let advisoryLockKey: Int64 = 0x4c6f_7265_4d69_6772

    let endpoint: DatabaseEndpoint
    let migrations: [Migration]
    let logger: Logger

    public init(endpoint: DatabaseEndpoint, migrations: [Migration] = Migration.all, logger: Logger) {
        self.endpoint = endpoint
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies every pending migration; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: logger) { conn in
            try await ServerRequirements.check(conn, logger: logger)
            try await run(conn, "SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
            do {
                let applied = try await pending(conn)
                try await run(conn, "SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                return applied
            } catch {
                try? await run(conn, "SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                throw error
            }
        }
    }

    /// Every known migration with its state: `applied`, `pending` or `changed`.
    public func status() async throws -> [Status] {
        try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.owner), logger: logger) { conn in
            try await ensureTable(conn)
            let recorded = try await recordedMigrations(conn)
            return migrations.map { m in
                let row = recorded[m.version]
                let state = row == nil ? "pending" : (row!.checksum == m.checksum ? "applied" : "changed")
                return Status(version: m.version, name: m.name, checksum: m.checksum, appliedAt: row?.appliedAt, state: state)
            }
        }
    }

    /// True when every known migration is applied unchanged (readiness).
    public func isCurrent() async throws -> Bool {
        try await status().allSatisfy { $0.state == "applied" }
    }

    private func pending(_ conn: PostgresConnection) async throws -> [Int] {
        try await ensureTable(conn)
        let recorded = try await recordedMigrations(conn)
        let known = Set(migrations.map(\.version))
        if let unknown = recorded.keys.filter({ !known.contains($0) }).max() {
            throw LoreError(.migrationMismatch, "the database has migration \(unknown), which this version of Lore does not know: upgrade Lore")
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            if let row = recorded[migration.version] {
                guard row.checksum == migration.checksum else {
                    throw LoreError(.migrationMismatch, "migration \(migration.version) (\(migration.name)) was changed after it was applied: checksum \(row.checksum.prefix(12)) in the database, \(migration.checksum.prefix(12)) in this build")
                }
                continue
            }
            let started = ContinuousClock.now
            try await run(conn, "BEGIN")
            do {
                try await conn.simple(migration.sql)
                let elapsed = ContinuousClock.now - started
                let ms = elapsed.milliseconds
                try await run(conn, """
                    INSERT INTO lore.schema_migrations (version, name, checksum, duration_ms)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(ms))
                    """)
                try await run(conn, "COMMIT")
            } catch {
                try? await run(conn, "ROLLBACK")
                let cause = DatabaseErrors.map(error)
                throw LoreError(.migrationFailed, "migration \(migration.version) (\(migration.name)) failed: \(cause.message)",
                                diagnostic: cause.diagnostic)
            }
            logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            applied.append(migration.version)
        }
        return applied
    }

    private func ensureTable(_ conn: PostgresConnection) async throws {
        try await conn.simple("""
            CREATE TABLE IF NOT EXISTS lore.schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                duration_ms double precision NOT NULL
            )
            """)
    }

    private func recordedMigrations(_ conn: PostgresConnection) async throws -> [Int: (checksum: String, appliedAt: Date)] {
        var result: [Int: (checksum: String, appliedAt: Date)] = [:]
        do {
            let rows = try await conn.query("SELECT version, checksum, applied_at FROM lore.schema_migrations", logger: logger)
            for try await (version, checksum, appliedAt) in rows.decode((Int, String, Date).self) {
                result[version] = (checksum, appliedAt)
            }
        } catch {
            throw DatabaseErrors.map(error)
        }
        return result
    }

    private func run(_ conn: PostgresConnection, _ query: PostgresQuery) async throws {
        do {
            _ = try await conn.query(query, logger: logger)
        } catch {
            throw DatabaseErrors.map(error)
        }
    }
}

extension Database {
    /// True when every migration this build knows is recorded with an unchanged checksum,
    /// checked as the application role (readiness).
    public func migrationsCurrent(_ migrations: [Migration] = Migration.all) async -> Bool {
        guard let recorded = try? await withApp({ conn -> [Int: String] in
            var result: [Int: String] = [:]
            for try await (version, checksum) in try await conn.query("SELECT version, checksum FROM lore.schema_migrations", logger: logger).decode((Int, String).self) {
                result[version] = checksum
            }
            return result
        }) else { return false }
        return migrations.allSatisfy { recorded[$0.version] == $0.checksum }
    }
}
