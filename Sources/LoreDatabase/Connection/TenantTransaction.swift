import Synchronization
import Foundation
import Logging
import LoreCore
import PostgresNIO

/// A transaction bound to one organisation. Repositories are extensions of this type, so every
/// tenant query runs with the tenant set. Valid only inside `Database.withOrg`; never store it.
public struct TenantTransaction: Sendable {
    let connection: PostgresConnection
    public let org: OrgID
    let logger: Logger
    let partitions: PartitionScope
    let prepared: PreparedStatements
    /// What the transaction was opened with (statements that need a setting skip setting it again).
    let settings: TransactionSettings

    /// Runs one statement with bound parameters (string interpolation binds, never splices).
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Runs `sql` as a statement prepared once on this connection (see `PreparedStatements`):
    /// for statements that spell their organisation and constants as literals and take the rest
    /// as parameters (each argument's text and SQL type).
    func runPrepared(_ sql: String, arguments: [(text: String, type: String)]) async throws -> [PostgresRow] {
        do {
            return try await prepared.run(sql, arguments: arguments, on: connection, logger: logger)
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Runs one statement and returns its rows, collected on the connection's event loop: one
    /// hand-off back to the calling task, where iterating a `PostgresRowSequence` waits for the
    /// rows in a hand-off of their own. For statements with small results on hot paths.
    public func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await connection.collectedRows(query, logger: logger)
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Runs a statement and returns how many rows it produced (or affected, via RETURNING).
    public func count(_ query: PostgresQuery) async throws -> Int {
        do {
            return try await connection.query(query, logger: logger).collect().count
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Makes sure the month partition of `table` holding `date` exists (created on demand when
    /// data arrives for a month nobody prepared; cached per process).
    public func ensurePartition(_ table: PartitionedTable, for date: Date) async throws {
        try await partitions.ensure(table, for: date, connection: connection, logger: logger)
    }
}

/// A transaction as the service role (bypasses row-level security). Maintenance only.
public struct ServiceTransaction: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let partitions: PartitionScope
    let prepared: PreparedStatements

    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Makes sure the month partition of `table` holding `date` exists.
    public func ensurePartition(_ table: PartitionedTable, for date: Date) async throws {
        try await partitions.ensure(table, for: date, connection: connection, logger: logger)
    }

    /// Runs `body` with the tenant set for the rest of this transaction (jobs run as their org).
    public func asOrg<T: Sendable>(_ org: OrgID, _ body: (TenantTransaction) async throws -> T) async throws -> T {
        let settings = TransactionSettings()
        _ = try await query(settings.statement(org: org))
        return try await body(TenantTransaction(connection: connection, org: org, logger: logger, partitions: partitions, prepared: prepared, settings: settings))
    }
}

/// Tables partitioned by month of `created_at`.
public enum PartitionedTable: String, Sendable, CaseIterable {
    case chunks
    case performanceMetrics = "performance_metrics"
    case auditLog = "audit_log"
}

/// Months whose partitions this process has already ensured, so the check costs one
/// round-trip per table and month per process. A partition created inside a transaction only
/// counts as known once that transaction commits (a rollback undoes the creation too).
final class PartitionCache: Sendable {
    private let known = Mutex<Set<String>>([])

    func contains(_ key: String) -> Bool { known.withLock { $0.contains(key) } }
    func insert(_ keys: Set<String>) { known.withLock { $0.formUnion(keys) } }

    /// Forgets everything (tests that drop partitions).
    func reset() { known.withLock { $0.removeAll() } }

    static func key(_ table: PartitionedTable, _ month: Date) -> String {
        "\(table.rawValue)/\(Int(month.timeIntervalSince1970))"
    }

    static func monthStart(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return calendar.date(from: parts)!
    }
}

/// The partition months one transaction ensured, promoted to the process cache on commit.
final class PartitionScope: Sendable {
    let cache: PartitionCache
    private let pending = Mutex<Set<String>>([])

    init(cache: PartitionCache) { self.cache = cache }

    func ensure(_ table: PartitionedTable, for date: Date, connection: PostgresConnection, logger: Logger) async throws {
        let month = PartitionCache.monthStart(date)
        let key = PartitionCache.key(table, month)
        if cache.contains(key) || pending.withLock({ $0.contains(key) }) { return }
        do {
            _ = try await connection.query("SELECT lore.ensure_month_partition(\(table.rawValue), \(month))", logger: logger)
        } catch {
            throw DatabaseErrors.translate(error)
        }
        pending.withLock { _ = $0.insert(key) }
    }

    func committed() { cache.insert(pending.withLock { $0 }) }
}

extension ServiceTransaction {
    /// Bulk load with `COPY … FROM STDIN` (text format). Only the service role may: COPY does
    /// not apply row-level security, which this role bypasses anyway. `table` is one identifier
    /// (quoted by the driver, found through the search path); table and column names must come
    /// from code, never from input.
    public func copy(into table: String, columns: [String], _ write: (PostgresCopyFromWriter) async throws -> Void) async throws {
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger, writeData: write)
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }
}

extension PostgresConnection {
    /// `query`'s rows, collected on the connection's event loop: one hand-off back to the
    /// calling task (iterating a `PostgresRowSequence` waits for its rows in one of their own).
    func collectedRows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await (self.query(query, logger: logger) as EventLoopFuture<PostgresQueryResult>).get().rows
    }
}
