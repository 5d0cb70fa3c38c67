import ArgumentParser
import Logging
import LoreAPI
import LoreApp
import ServiceLifecycle

/// `--host`/`--port` and the serving loop shared by `lore serve` and `lore dev`: opens the
/// runtime, runs the API with the database, the runtime's background services and any `extra`
/// services until SIGINT/SIGTERM, then closes the runtime.
struct HTTPServing: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int?

    func run(_ global: GlobalOptions,
             extra: (LoreRuntime, Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] = { _, _ in [] }) async throws {
        try await reportingLoreErrors {
            var config = try global.configuration()
            if let host { config.host = host }
            if let port { config.port = port }
            let logger = LoggingSetup.bootstrap(config)
            let runtime = try await LoreRuntime.open(config, logger: logger)
            let host = config.host
            do {
                let app = try LoreAPI.buildApplication(runtime: runtime, host: host, port: config.port, logger: logger) { port in
                    logger.notice("Lore is listening", metadata: ["url": "http://\(host):\(port)"])
                }
                let group = ServiceGroup(configuration: .init(
                    services: [.init(service: runtime.database), .init(service: app)] + runtime.backgroundServices.map { .init(service: $0) }
                        + extra(runtime, logger),
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
}
