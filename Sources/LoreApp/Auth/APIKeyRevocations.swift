import Foundation
import Logging
import LoreDatabase
import ServiceLifecycle

/// Listens for keys revoked by any Lore process (`lore key revoke`, another server) and makes
/// this process's `Authenticator` forget them at once; after a reconnect it forgets every cached
/// key, since revocations sent meanwhile were missed.
public struct APIKeyRevocations: Service {
    let database: Database
    let authenticator: Authenticator
    let logger: Logger

    public init(database: Database, authenticator: Authenticator, logger: Logger) {
        self.database = database
        self.authenticator = authenticator
        self.logger = logger
    }

    public func run() async throws {
        let listener = NotificationListener(endpoint: database.endpoint, channel: APIKeyNotifications.revoked, logger: logger)
        let authenticator = self.authenticator
        await cancelWhenGracefulShutdown {
            await listener.run { payload in
                if let id = payload.flatMap(UUID.init(uuidString:)) { authenticator.forget(keyID: id) } else { authenticator.forgetAll() }
            }
        }
    }
}
