import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LoreAPI
import LoreApp
import LoreCore
import ServiceLifecycle

/// `lore serve`: the HTTP API on the embedded (or configured) database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API (and the web UI) until interrupted.",
        discussion: """
            Listens on 127.0.0.1:8080 unless --host/--port or LORE_HOST/LORE_PORT say otherwise. \
            Without LORE_DATABASE_URL it starts Lore's own PostgreSQL in the data directory and \
            stops it on shutdown (SIGINT or SIGTERM).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int?

    func run() async throws {
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
                    services: [.init(service: runtime.database), .init(service: app)] + runtime.backgroundServices.map { .init(service: $0) },
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
