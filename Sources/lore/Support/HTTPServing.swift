import ArgumentParser
import Logging
import LoreAPI
import LoreApp
import ServiceLifecycle

/// `--host`/`--port` for `lore serve` and `lore dev`, and their loop: the API and any `extra`
/// services in a `RuntimeServiceGroup`.
struct HTTPServing: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int?

    func run(_ global: GlobalOptions,
             extra: @escaping @Sendable (LoreRuntime, Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] = { _, _ in [] }) async throws {
        try await reportingLoreErrors {
            var config = try global.configuration()
            if let host { config.host = host }
            if let port { config.port = port }
            let logger = LoggingSetup.bootstrap(config)
            let (host, port) = (config.host, config.port)
            try await RuntimeServiceGroup.run(config, logger: logger) { runtime in
                let app = try LoreAPI.buildApplication(runtime: runtime, host: host, port: port, logger: logger) { port in
                    logger.notice("Lore is listening", metadata: ["url": "http://\(host):\(port)"])
                }
                let revocations = APIKeyRevocations(database: runtime.database, authenticator: runtime.authenticator, logger: logger)
                return [.init(service: app), .init(service: revocations)] + extra(runtime, logger)
            }
        }
    }
}
