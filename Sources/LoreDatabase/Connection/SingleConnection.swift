import Logging
import LoreCore
import NIOPosix
import PostgresNIO

/// Opens one connection for a short job (bootstrap, migrations, LISTEN) and always closes it.
public enum SingleConnection {
    public static func with<T: Sendable>(
        _ configuration: PostgresConnection.Configuration,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(),
                configuration: configuration, id: 0, logger: logger)
        } catch {
            throw DatabaseErrors.map(error)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
