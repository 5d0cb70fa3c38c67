import Logging
import LoreApp
import LoreCore
import ServiceLifecycle

/// The process loop of `lore serve`, `lore dev` and `lore worker`: opens the runtime, loads the
/// local embedding model (a broken install fails here, not in the first job), runs its database
/// pools, its background services and the command's own `services` until SIGINT or SIGTERM,
/// then closes the runtime (also when a service fails).
///
/// Signals are trapped before anything starts: opening the runtime (and an embedded PostgreSQL)
/// and loading the model take seconds, and a stop asked for in that window must still close the
/// runtime rather than kill the process with the database left running. The outer group traps the
/// signals; its one service starts everything, then runs the inner group until it is told to stop.
enum RuntimeServiceGroup {
    static func run(_ config: LoreConfiguration, logger: Logger,
                    services: @escaping @Sendable (LoreRuntime) throws -> [ServiceGroupConfiguration.ServiceConfiguration]) async throws {
        let process = RuntimeProcess(config: config, logger: logger, services: services)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: process)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Starts the runtime and runs its services; a graceful shutdown that arrives while it starts is
/// honoured as soon as start-up ends (the inner group remembers a shutdown asked for before it runs).
private struct RuntimeProcess: Service {
    let config: LoreConfiguration
    let logger: Logger
    let services: @Sendable (LoreRuntime) throws -> [ServiceGroupConfiguration.ServiceConfiguration]

    func run() async throws {
        let runtime = try await LoreRuntime.open(config, logger: logger)
        do {
            try runtime.embeddings.loadLocal()
            if Task.isShuttingDownGracefully {
                logger.notice("stopping: asked to stop while starting")
            } else {
                let group = ServiceGroup(configuration: .init(
                    services: [.init(service: runtime.database)] + runtime.backgroundServices.map { .init(service: $0) }
                        + (try services(runtime)),
                    logger: logger))
                try await withGracefulShutdownHandler {
                    try await group.run()
                } onGracefulShutdown: {
                    Task { await group.triggerGracefulShutdown() }
                }
            }
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }
}
