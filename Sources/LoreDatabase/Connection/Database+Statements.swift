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
