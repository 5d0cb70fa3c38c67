import Logging
import LoreCore
import PostgresNIO

/// Creates what migrations cannot: the three roles, the database, the extensions and the
/// schema. Needs a superuser (the embedded server's, or an external account that may).
/// Idempotent.
public enum DatabaseBootstrap {
    static let lockKey: Int64 = 0x4c6f_7265_426f_6f74
    public static func run(_ endpoint: DatabaseEndpoint, logger: Logger) async throws {
        guard let superuser = endpoint.superuser else { return }
        // Roles and the database are cluster objects: create them from the maintenance database.
        try await SingleConnection.with(try endpoint.connectionConfiguration(superuser, database: "postgres"), logger: logger) { conn in
            // Concurrent starters: one bootstraps at a time (the lock ends with the connection).
            try await conn.simple("SELECT pg_advisory_lock(\(lockKey))")
            try await conn.simple("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(DatabaseRoles.owner)') THEN
                        CREATE ROLE \(DatabaseRoles.owner) LOGIN NOSUPERUSER NOBYPASSRLS;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(DatabaseRoles.app)') THEN
                        CREATE ROLE \(DatabaseRoles.app) LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(DatabaseRoles.service)') THEN
                        CREATE ROLE \(DatabaseRoles.service) LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE;
                    END IF;
                END $$;
                GRANT \(DatabaseRoles.service) TO \(DatabaseRoles.owner);
                GRANT \(DatabaseRoles.app) TO \(DatabaseRoles.owner);
                """)
            // Switching role at connection start (external accounts) needs membership.
            if superuser.username != EmbeddedPostgres.superuser {
                try await conn.simple("GRANT \(DatabaseRoles.owner), \(DatabaseRoles.app), \(DatabaseRoles.service) TO CURRENT_USER")
            }
            let exists = try await conn.query("SELECT 1 FROM pg_database WHERE datname = \(endpoint.database)", logger: logger)
                .collect().count > 0
            if !exists {
                try await conn.simple("CREATE DATABASE \(quoteIdentifier(endpoint.database)) OWNER \(DatabaseRoles.owner) ENCODING 'UTF8' TEMPLATE template0")
            }
        }
        try await SingleConnection.with(try endpoint.connectionConfiguration(superuser), logger: logger) { conn in
            try await conn.simple("SELECT pg_advisory_lock(\(lockKey))")
            try await conn.simple("""
                CREATE EXTENSION IF NOT EXISTS vector;
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                CREATE SCHEMA IF NOT EXISTS \(DatabaseRoles.schema) AUTHORIZATION \(DatabaseRoles.owner);
                REVOKE ALL ON SCHEMA \(DatabaseRoles.schema) FROM PUBLIC;
                GRANT USAGE ON SCHEMA \(DatabaseRoles.schema) TO \(DatabaseRoles.app), \(DatabaseRoles.service);
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                """)
        }
        logger.debug("database bootstrap done", metadata: ["database": "\(endpoint.database)"])
    }

    /// Double-quotes an identifier (database names come from configuration, not users).
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PostgresConnection {
    /// Runs a script of one or more statements, one at a time (no bound parameters: only for
    /// fixed SQL written in this code base, never for user input).
    func simple(_ sql: String) async throws {
        for statement in SQLScript.statements(sql) {
            do {
                _ = try await query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "lore.db.script"))
            } catch {
                throw DatabaseErrors.map(error)
            }
        }
    }
}
