import Logging
import PostgresNIO
import Synchronization

/// Statements prepared once per pooled connection (`PREPARE`) and run by name (`EXECUTE`).
///
/// For statements whose text names everything the planner must know as literals (an
/// organisation's own vector search: its id decides which partial HNSW indexes may be used), so
/// that the server plans each once per connection (0.4–0.75 ms a query on the 1M-chunk
/// benchmark) and runs the same generic plan every time after. Such a generic plan is as good as a
/// custom one, so it is forced from the first execution (`plan_cache_mode`, set for the
/// `EXECUTE` alone): left to itself, PostgreSQL plans the first five executions on each
/// connection, and an organisation searched now and then on a pool of ten connections rarely
/// gets past them. SQL-level `PREPARE` rather than the
/// protocol's named statements: PostgresNIO returns rows of those in text format, which its
/// `Date` cannot decode. Prepared statements outlive the transaction that made them, rolled back
/// or not. Each connection keeps at most `capacity`; the least recently used is deallocated when
/// another is needed.
final class PreparedStatements: Sendable {
    let capacity: Int
    /// By connection object (held here, so its identifier is not reused while it is a key).
    private let state = Mutex<(next: Int, connections: [ObjectIdentifier: Statements])>((0, [:]))

    /// One connection's statements (by text: name and when last used).
    private struct Statements {
        var connection: PostgresConnection
        var named: [String: (name: String, used: Int)] = [:]
        var clock = 0
    }

    init(capacity: Int = 128) { self.capacity = capacity }

    /// Runs `sql` with `arguments` as its parameters `$1…$n` (their text and SQL type) on
    /// `connection`, preparing it there first if needed. Parameters are typed when prepared, so
    /// each argument is converted once per execution (a `$1::text::halfvec` in a generic plan is
    /// converted again for every row it is compared with). The caller holds the connection (one
    /// task at a time uses it), so a statement cannot be deallocated while it runs.
    func run(_ sql: String, arguments: [(text: String, type: String)], on connection: PostgresConnection,
             logger: Logger) async throws -> [PostgresRow] {
        // Whatever must run first is queued ahead of the EXECUTE without waiting for it: the
        // connection sends each statement as the one before completes, on its event loop.
        var preparing: EventLoopFuture<PostgresQueryResult>?
        let name: String
        if let known = lookUp(sql, on: connection) {
            name = known
        } else {
            let (fresh, evicted) = reserve(sql, on: connection)
            if let evicted {
                _ = connection.query(PostgresQuery(unsafeSQL: "DEALLOCATE \(evicted)"), logger: logger) as EventLoopFuture<PostgresQueryResult>
            }
            let types = arguments.map(\.type).joined(separator: ", ")
            preparing = connection.query(PostgresQuery(unsafeSQL: "PREPARE \(fresh)(\(types)) AS \(sql)"), logger: logger)
            name = fresh
        }
        // EXECUTE takes no bound parameters (a utility statement), so its arguments are literals.
        // The plan cache mode is the transaction's only around it (the unnamed statements after
        // it, which bind their organisation, need their custom plans).
        let literals = arguments.map { Self.literal($0.text) }.joined(separator: ", ")
        _ = connection.query(Self.forceGenericPlans, logger: logger) as EventLoopFuture<PostgresQueryResult>
        let executing: EventLoopFuture<PostgresQueryResult> = connection.query(PostgresQuery(unsafeSQL: "EXECUTE \(name)(\(literals))"), logger: logger)
        _ = connection.query(Self.defaultPlans, logger: logger) as EventLoopFuture<PostgresQueryResult>
        if let preparing {
            do {
                _ = try await preparing.get()
            } catch {
                forget(sql, on: connection)
                _ = try? await executing.get()
                throw error
            }
        }
        return try await executing.get().rows
    }

    static let forceGenericPlans: PostgresQuery = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"
    static let defaultPlans: PostgresQuery = "SET LOCAL plan_cache_mode TO DEFAULT"

    /// How many statements `connection` has prepared through this cache (tests).
    func count(on connection: PostgresConnection) -> Int {
        state.withLock { $0.connections[ObjectIdentifier(connection)]?.named.count ?? 0 }
    }

    /// `text` as an SQL string literal (`standard_conforming_strings` is on: only quotes double).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private func lookUp(_ sql: String, on connection: PostgresConnection) -> String? {
        state.withLock { state in
            let key = ObjectIdentifier(connection)
            guard var statements = state.connections[key], let entry = statements.named[sql] else { return nil }
            statements.clock += 1
            statements.named[sql] = (entry.name, statements.clock)
            state.connections[key] = statements
            return entry.name
        }
    }

    /// A new name for `sql` on `connection`, and the statement it displaces if the connection is full.
    private func reserve(_ sql: String, on connection: PostgresConnection) -> (name: String, evicted: String?) {
        state.withLock { state in
            let key = ObjectIdentifier(connection)
            if state.connections[key] == nil {
                // A connection new to this cache: forget those the pool has closed since.
                state.connections = state.connections.filter { !$0.value.connection.isClosed }
                state.connections[key] = Statements(connection: connection)
            }
            var statements = state.connections[key]!
            var evicted: String?
            if statements.named.count >= capacity, let oldest = statements.named.min(by: { $0.value.used < $1.value.used }) {
                statements.named[oldest.key] = nil
                evicted = oldest.value.name
            }
            state.next += 1
            statements.clock += 1
            let name = "lore_statement_\(state.next)"
            statements.named[sql] = (name, statements.clock)
            state.connections[key] = statements
            return (name, evicted)
        }
    }

    /// Drops `sql` from `connection`'s statements (its PREPARE failed).
    private func forget(_ sql: String, on connection: PostgresConnection) {
        state.withLock { _ = $0.connections[ObjectIdentifier(connection)]?.named.removeValue(forKey: sql) }
    }
}
