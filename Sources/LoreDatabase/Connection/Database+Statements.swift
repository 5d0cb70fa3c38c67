import PostgresNIO

extension Database {
    /// Runs one statement as the service role outside an explicit transaction (a single
    /// statement is atomic on its own) and returns its rows. For the job queue's hot paths,
    /// where the BEGIN/COMMIT round trips of `withService` would cost more than the statement.
    public func serviceStatement(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await serviceClient.query(query, logger: logger).collect()
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }
}

extension Database {
    /// Runs a prepared statement as the service role (prepared once per pooled connection).
    public func serviceExecute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
        where Statement.Row: Sendable {
        do {
            var rows: [Statement.Row] = []
            for try await row in try await serviceClient.execute(statement, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }
}
