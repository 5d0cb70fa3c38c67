import ArgumentParser
import LoreApp

/// `lore dev`: the API, the workers and the scheduler in one process, for one machine.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the HTTP API, job workers and the scheduler in one process until interrupted.",
        discussion: "Same as `lore serve` plus `lore worker` sharing one database pool; for a single machine.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var serving: HTTPServing

    @Option(help: "Jobs run at the same time (1–256).")
    var concurrency = 4

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
    }

    func run() async throws {
        let concurrency = self.concurrency
        try await serving.run(global) { runtime, logger in
            WorkerServices.make(runtime: runtime, registry: runtime.jobRegistry, concurrency: concurrency, scheduler: true, logger: logger)
        }
    }
}
