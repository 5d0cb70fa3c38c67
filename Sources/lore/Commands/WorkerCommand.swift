import ArgumentParser
import Foundation
import LoreAPI
import LoreApp
import LoreCore
import LoreJobs
import ServiceLifecycle

/// `lore worker`: runs jobs from the queue until interrupted.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run job workers (and the leader-elected scheduler) until interrupted.",
        discussion: """
            Claims jobs from the PostgreSQL queue, --concurrency at a time, most urgent first and \
            fairly across organisations. Also rescues jobs of workers that died and, in exactly \
            one of all running workers, enqueues scheduled jobs. Run as many as you like, on as \
            many machines as you like. SIGINT or SIGTERM stops claiming, lets running jobs finish \
            for up to 25 s, and hands the rest back to the queue. With --metrics-port the worker's \
            own metrics (claims, run times, failures, queue depth, recommended workers) are served \
            for Prometheus to scrape.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Jobs run at the same time (1–256).")
    var concurrency = 4

    @Flag(inversion: .prefixedNo, help: "Take part in the scheduler's leader election.")
    var scheduler = true

    @Option(name: .customLong("metrics-port"), help: "Serve this process's metrics (GET /metrics, Prometheus text) and GET /healthz on this port of LORE_HOST (0 picks a free port).")
    var metricsPort: Int?

    /// Registers the benchmark and chaos-test kinds (used by `lore bench jobs-chaos` only).
    @Flag(name: .customLong("test-kinds"), help: .hidden)
    var testKinds = false

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
        if let metricsPort, !(0...65535).contains(metricsPort) { throw ValidationError("--metrics-port must be between 0 and 65535") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let config = try global.configuration()
            let logger = LoggingSetup.bootstrap(config)
            LoreMetrics.bootstrap()
            try await RuntimeServiceGroup.run(config, logger: logger) { runtime in
                let registry = testKinds ? runtime.jobRegistry.merging(BenchJobKinds.registry()) : runtime.jobRegistry
                var services = WorkerServices.make(runtime: runtime, registry: registry, concurrency: concurrency,
                                                   scheduler: scheduler, logger: logger)
                if let metricsPort {
                    let host = config.host
                    services.append(.init(service: LoreAPI.buildMetricsApplication(host: host, port: metricsPort, logger: logger) { port in
                        logger.notice("worker metrics are served", metadata: ["url": "http://\(host):\(port)/metrics"])
                    }))
                }
                return services
            }
        }
    }
}
