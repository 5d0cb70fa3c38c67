import Logging
import PostgresNIO

/// Keeps a LISTEN on `channel` over a dedicated connection and calls `onNotify` with each
/// notification's payload, reconnecting (with backoff) when the connection or the server goes
/// away. After each (re)connect it calls `onNotify(nil)` once, since notifications sent
/// meanwhile were missed. Returns when its task is cancelled.
public struct NotificationListener: Sendable {
    let endpoint: DatabaseEndpoint
    let channel: String
    let logger: Logger

    public init(endpoint: DatabaseEndpoint, channel: String, logger: Logger) {
        self.endpoint = endpoint
        self.channel = channel
        self.logger = logger
    }

    public func run(onNotify: @escaping @Sendable (_ payload: String?) -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let configuration = try endpoint.connectionConfiguration(endpoint.service)
                try await SingleConnection.with(configuration, logger: logger) { connection in
                    // Cancellation closes the connection, which ends the notification sequence
                    // whatever state its iterator is in: the listener must never outlive its task
                    // (a worker pool waits for it before `run()` returns).
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: channel) { notifications in
                            onNotify(nil)
                            for try await notification in notifications { onNotify(notification.payload) }
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
                    logger.warning("notifications interrupted; reconnecting", metadata: ["channel": "\(channel)", "error": "\(error)"])
                }
            }
            if Task.isCancelled { break }
            try? await Task.sleep(for: .milliseconds(min(5000, 50 << min(failures, 7))))
        }
    }
}
