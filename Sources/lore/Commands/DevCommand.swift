import ArgumentParser
import Foundation
import LoreAPI
import LoreApp
import LoreCore
import ServiceLifecycle

/// `lore dev`: the API, the workers and the scheduler in one process, for one machine.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the HTTP API, job workers and the scheduler in one process until interrupted.",
        discussion: "Same as `lore serve` plus `lore worker` sharing one database pool; for a single machine.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int?

    @Option(help: "Jobs run at the same time (1–256).")
    var concurrency = 4

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
    }

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
                    services: [.init(service: runtime.database), .init(service: app)] + runtime.backgroundServices.map { .init(service: $0) }
                        + WorkerServices.make(runtime: runtime, registry: runtime.jobRegistry, concurrency: concurrency,
                                              scheduler: true, logger: logger),
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
