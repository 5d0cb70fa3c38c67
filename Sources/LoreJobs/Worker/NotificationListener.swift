import Logging
import LoreDatabase
import PostgresNIO

/// Keeps a LISTEN on the job channel over a dedicated connection and calls `onNotify` for every
/// notification, reconnecting (with backoff) when the connection or the server goes away. After
/// each (re)connect it calls `onNotify` once, since notifications sent meanwhile were missed.
struct NotificationListener: Sendable {
    let endpoint: DatabaseEndpoint
    let logger: Logger

    func run(onNotify: @escaping @Sendable () -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let configuration = try endpoint.connectionConfiguration(endpoint.service)
                try await SingleConnection.with(configuration, logger: logger) { connection in
                    // Cancellation closes the connection, which ends the notification sequence
                    // whatever state its iterator is in: the listener must never outlive its task
                    // (a worker pool waits for it before `run()` returns).
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: JobNotifications.channel) { notifications in
                            onNotify()
                            for try await _ in notifications { onNotify() }
                        }
                    } onCancel: {
                        _ = connection.close() as EventLoopFuture<Void>
                    }
                }
                failures = 0
            } catch {
                if Task.isCancelled { break }
                failures += 1
                if failures == 1 {
                    logger.warning("job notifications interrupted; reconnecting", metadata: ["error": "\(error)"])
                }
            }
            if Task.isCancelled { break }
            try? await Task.sleep(for: .milliseconds(min(5000, 50 << min(failures, 7))))
        }
    }
}
