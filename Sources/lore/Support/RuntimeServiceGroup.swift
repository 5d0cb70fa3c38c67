import Logging
import LoreApp
import LoreCore
import ServiceLifecycle

/// The process loop of `lore serve`, `lore dev` and `lore worker`: opens the runtime, loads the
/// local embedding model (a broken install fails here, not in the first job), runs its database
/// pools, its background services and the command's own `services` until SIGINT or SIGTERM,
/// then closes the runtime (also when a service fails).
enum RuntimeServiceGroup {
    static func run(_ config: LoreConfiguration, logger: Logger,
                    services: (LoreRuntime) throws -> [ServiceGroupConfiguration.ServiceConfiguration]) async throws {
        let runtime = try await LoreRuntime.open(config, logger: logger)
        do {
            try runtime.embeddings.loadLocal()
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: runtime.database)] + runtime.backgroundServices.map { .init(service: $0) }
                    + (try services(runtime)),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
            try await group.run()
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }
}
