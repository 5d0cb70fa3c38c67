import ArgumentParser
import Foundation
import LoreJobs

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
    @OptionGroup var serving: HTTPServing

    func run() async throws {
        // Queue depth and the recommended worker count come from the database, so the API's
        // /metrics has them even when the workers run elsewhere.
        try await serving.run(global) { runtime, logger in [.init(service: JobMetricsReporter(jobs: runtime.jobs, logger: logger))] }
    }
}
