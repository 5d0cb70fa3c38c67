import Logging
import LoreApp
import LoreJobs
import ServiceLifecycle

/// The services of a worker process: the pool, the rescuer, the leader-elected scheduler and
/// the queue metrics. Shared by `lore worker` and `lore dev`.
enum WorkerServices {
    static func make(runtime: LoreRuntime, registry: JobRegistry, concurrency: Int, scheduler: Bool,
                     logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let pool = WorkerPool(database: runtime.database, registry: registry,
                              configuration: WorkerConfiguration(concurrency: concurrency), logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: pool),
            .init(service: Rescuer(database: runtime.database, registry: registry, logger: logger)),
            .init(service: JobMetricsReporter(jobs: runtime.jobs, logger: logger)),
        ]
        if scheduler {
            services.append(.init(service: Scheduler(endpoint: runtime.database.endpoint, schedules: runtime.schedules, logger: logger)))
        }
        return services
    }
}
