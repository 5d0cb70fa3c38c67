import Logging
import LoreCore
import PostgresNIO
import ServiceLifecycle

/// Lore's connection pools and the only doors to its data.
///
/// Tenant work goes through `withOrg`, which opens a transaction as the application role and
/// sets the tenant with `set_config('lore.org_id', …, true)` (transaction-local, so a pooled
/// connection never carries a tenant into the next transaction). Cross-tenant maintenance and
/// operator commands go through `withService` (BYPASSRLS), which request handlers never call.
/// Request paths reach the service role only through narrow, audited doors that filter by the
/// transaction's tenant themselves (or write only rows it names): the `SECURITY DEFINER`
/// functions of `docs/schema.md` (API-key resolution, partitions, keyword look-ups, document
/// frequencies) and `PerformanceRecorder`'s batched latency rows, each tagged with the caller's
/// organisation.
public final class Database: Service, Sendable {
    public let endpoint: DatabaseEndpoint
    let appClient: PostgresClient
    let serviceClient: PostgresClient
    public let logger: Logger
    let partitions = PartitionCache()
    let prepared = PreparedStatements()

    public init(endpoint: DatabaseEndpoint, poolSize: Int = 10, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
        var app = endpoint.clientConfiguration(endpoint.app)
        app.options.maximumConnections = poolSize
        var service = endpoint.clientConfiguration(endpoint.service)
        service.options.maximumConnections = max(2, poolSize / 2)
        // The pools' own chatter (including a warning when a one-shot command leases a connection
        // an instant before the pool's run loop has started) only at debug levels.
        var background = logger
        background.logLevel = logger.logLevel <= .debug ? logger.logLevel : .error
        self.appClient = PostgresClient(configuration: app, backgroundLogger: background)
        self.serviceClient = PostgresClient(configuration: service, backgroundLogger: background)
    }

    /// Runs both pools until cancelled or shut down gracefully.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.appClient.run() }
            group.addTask { await self.serviceClient.run() }
        }
    }

    /// Runs `body` in one transaction scoped to `org`: every row it reads or writes belongs to
    /// that organisation (row-level security), whatever the SQL says. `settings` are set for
    /// the transaction in the same statement as the organisation (one round trip fewer than a
    /// statement of their own).
    ///
    /// `onConnectionLoop`: run `body` on the connection's event loop (`EventLoopTaskExecutor`),
    /// for bodies that only run statements and light work (no model inference, no waiting on
    /// anything but this connection): each round trip then costs no thread hand-offs.
    public func withOrg<T: Sendable>(
        _ org: OrgID,
        settings: TransactionSettings = TransactionSettings(),
        onConnectionLoop: Bool = false,
        file: String = #fileID, line: Int = #line,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        do {
            let scope = PartitionScope(cache: partitions)
            let result = try await InFlightWaits.track(file, line: line, phase: "withOrg: waiting for a connection") { wait in
                try await appClient.withConnection { connection in
                    wait.phase("withOrg: in transaction")
                    return try await withTaskExecutorPreference(onConnectionLoop ? EventLoopTaskExecutor(connection.eventLoop) : nil) {
                        try await Self.transaction(on: connection, opening: settings.statement(org: org), logger: logger) { connection in
                            try await body(TenantTransaction(connection: connection, org: org, logger: logger, partitions: scope, prepared: prepared, settings: settings))
                        }
                    }
                }
            }
            scope.committed()
            return result
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// `BEGIN` and the transaction's first statement, `opening`, are handed to the connection
    /// together: PostgresNIO sends the second from its event loop as soon as the first is done,
    /// where awaiting one before sending the other cost a hop back to this task and another to
    /// the loop. Then as `PostgresConnection.withTransaction`: `COMMIT` after `body`, `ROLLBACK`
    /// when the opening statement or `body` throws.
    static func transaction<T>(on connection: PostgresConnection, opening: PostgresQuery, logger: Logger,
                               isolation: isolated (any Actor)? = #isolation,
                               _ body: (PostgresConnection) async throws -> sending T) async throws -> sending T {
        // The future-returning overloads: they queue the query and return at once. Both are
        // awaited as one future (each `get()` costs a hop to the event loop and back, even on a
        // completed future); should BEGIN fail, the opening statement fails after it.
        let begun: EventLoopFuture<PostgresQueryResult> = connection.query("BEGIN", logger: logger)
        let opened: EventLoopFuture<PostgresQueryResult> = connection.query(opening, logger: logger)
        let value: T
        do {
            _ = try await begun.and(opened).get()
        } catch {
            // The first failure: BEGIN's (then there is no transaction to roll back) or the opening statement's.
            if (try? await begun.get()) == nil { throw error }
            _ = try? await connection.collectedRows("ROLLBACK", logger: logger)
            throw error
        }
        do {
            value = try await body(connection)
        } catch {
            _ = try? await connection.collectedRows("ROLLBACK", logger: logger)
            throw error
        }
        _ = try await connection.collectedRows("COMMIT", logger: logger)
        return value
    }

    /// Runs `body` in one transaction as the service role, which bypasses row-level security.
    /// For maintenance and cross-tenant reads only.
    public func withService<T: Sendable>(file: String = #fileID, line: Int = #line,
                                         _ body: (ServiceTransaction) async throws -> T) async throws -> T {
        do {
            let scope = PartitionScope(cache: partitions)
            let result = try await InFlightWaits.track(file, line: line, phase: "withService: waiting for a connection") { wait in
                try await serviceClient.withTransaction(logger: logger) { connection in
                    wait.phase("withService: in transaction")
                    return try await body(ServiceTransaction(connection: connection, logger: logger, partitions: scope, prepared: prepared))
                }
            }
            scope.committed()
            return result
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Runs `body` as the application role outside any tenant (authentication look-ups, health).
    func withApp<T: Sendable>(file: String = #fileID, line: Int = #line, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await InFlightWaits.track(file, line: line, phase: "withApp: waiting for a connection") { wait in
                try await appClient.withConnection { connection in
                    wait.phase("withApp: on its connection")
                    return try await body(connection)
                }
            }
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// True when the server answers a trivial query.
    public func ping() async -> Bool {
        (try? await withApp { conn in try await conn.query("SELECT 1", logger: logger).collect().count }) == 1
    }
}
