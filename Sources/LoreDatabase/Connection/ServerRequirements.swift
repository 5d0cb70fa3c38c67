import Logging
import LoreCore
import PostgresNIO

public extension ErrorCode {
    /// The PostgreSQL server or its pgvector is older than Lore needs.
    static let databaseUnsupported = ErrorCode("database_unsupported", .unavailable)
}

/// What Lore needs of a PostgreSQL server: 15 or later (`MERGE`, `NULLS NOT DISTINCT`, security
/// invoker views) with pgvector 0.8 or later (iterative index scans, `halfvec` HNSW). Checked
/// before migrating, so an external server that falls short is one clear error, not a failed
/// migration halfway.
public enum ServerRequirements {
    public static let minimumServerVersionNum = 150_000
    public static let minimumVector = [0, 8, 0]

    /// Throws `database_unsupported` naming what is missing or too old.
    public static func check(serverVersionNum: Int, vectorVersion: String?) throws {
        guard serverVersionNum >= minimumServerVersionNum else {
            throw LoreError(.databaseUnsupported, "PostgreSQL \(serverVersionNum / 10_000).\(serverVersionNum % 10_000) is too old: Lore needs 15 or later")
        }
        guard let vectorVersion else {
            throw LoreError(.databaseUnsupported, "the pgvector extension is not installed in the database: Lore needs pgvector 0.8 or later")
        }
        let parts = vectorVersion.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let padded = parts + Array(repeating: 0, count: max(0, 3 - parts.count))
        guard padded.lexicographicallyPrecedes(minimumVector) == false else {
            throw LoreError(.databaseUnsupported, "pgvector \(vectorVersion) is too old: Lore needs 0.8 or later")
        }
    }

    static func check(_ conn: PostgresConnection, logger: Logger) async throws {
        let rows = try await conn.query("""
            SELECT current_setting('server_version_num')::int, (SELECT extversion FROM pg_extension WHERE extname = 'vector')
            """, logger: logger).collect()
        guard let row = rows.first else { return }
        let (server, vector) = try row.decode((Int, String?).self)
        try check(serverVersionNum: server, vectorVersion: vector)
    }
}
