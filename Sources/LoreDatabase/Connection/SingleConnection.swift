import Logging
import LoreCore
import NIOPosix
import PostgresNIO

/// Opens one connection for a short job (bootstrap, migrations, LISTEN, the scheduler's
/// leadership) and always closes it.
///
/// Connecting and closing run outside the caller's cancellation (`Uncancelled`): with
/// PostgresNIO 1.33, a connection whose task is cancelled at the wrong moment while it connects
/// or closes (which of the two was not isolated) sometimes never resumes its caller (`CancellationHangTests`: about one cancelled connection
/// in 20 hung for good, and one trio of cancelled schedulers in 13). That is what stopped
/// the test suite now and then: a cancelled scheduler or notification listener waited forever,
/// and so did the task group around it. A cancelled caller now gets its connection closed and a
/// `CancellationError` as soon as the connect has finished (milliseconds; at most the connect
/// timeout).
public enum SingleConnection {
    public static func with<T: Sendable>(
        _ configuration: PostgresConnection.Configuration,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await Uncancelled.run {
                try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                     configuration: configuration, id: 0, logger: logger)
            }
        } catch {
            throw DatabaseErrors.map(error)
        }
        let close = { await Uncancelled.run { try? await connection.close() } }
        do {
            try Task.checkCancellation()
            let result = try await body(connection)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
