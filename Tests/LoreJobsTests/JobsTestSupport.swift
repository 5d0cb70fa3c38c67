import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreTestSupport
import PostgresNIO
import Synchronization
@testable import LoreJobs

/// Every test gets a database of its own: a worker claims any job of its database, so tests
/// sharing one would take each other's jobs.
func withJobsDatabase<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
    let endpoint = try await TestCluster.shared.makeDatabase()
    let database = Database(endpoint: endpoint, poolSize: 8, logger: TestCluster.logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await database.run()
            return nil
        }
        do {
            let result = try await body(database)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// Runs `pool` (and optionally a rescuer) while `body` runs, then stops them.
func withWorkers<T: Sendable>(_ pool: WorkerPool, rescuer: Rescuer? = nil, _ body: @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await pool.run()
            return nil
        }
        if let rescuer {
            group.addTask {
                try await rescuer.run()
                return nil
            }
        }
        do {
            let result = try await body()
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes (then the caller's
/// expectations report what is wrong). Never asserts on time itself.
func eventually(timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Which jobs ran, in order, with their attempts.
final class RunLog: Sendable {
    struct Run: Sendable, Equatable {
        var id: JobID
        var value: Int
        var org: OrgID?
        var attempt: Int
    }

    private let runs = Mutex<[Run]>([])
    func append(_ run: Run) { runs.withLock { $0.append(run) } }
    var all: [Run] { runs.withLock { $0 } }
    var count: Int { runs.withLock { $0.count } }
}

/// Records that it ran.
struct RecordJob: JobHandler {
    struct Payload: Codable, Sendable {
        var value: Int
    }

    static let kind: JobKind = "test.record"
    static let policy = JobPolicy(maxAttempts: 3, lease: .seconds(5), backoffBase: .milliseconds(10), backoffCap: .milliseconds(50))
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.value, org: context.org, attempt: context.attempt))
    }
}

/// Fails every attempt with a retryable error.
struct FlakyJob: JobHandler {
    struct Payload: Codable, Sendable {
        var value: Int
    }

    static let kind: JobKind = "test.flaky"
    static let policy = JobPolicy(maxAttempts: 3, lease: .seconds(5), backoffBase: .milliseconds(20), backoffCap: .milliseconds(60))
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.value, org: context.org, attempt: context.attempt))
        throw LoreError(.upstreamError, "remote service answered 503 on attempt \(context.attempt)")
    }
}

/// Fails with an error that retrying cannot fix.
struct BadInputJob: JobHandler {
    struct Payload: Codable, Sendable {
        var value: Int
    }

    static let kind: JobKind = "test.bad-input"
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.value, org: context.org, attempt: context.attempt))
        throw LoreError(.unsupportedMediaType, "the file is not a recording")
    }
}

/// Sleeps for the payload's milliseconds (cooperatively), heartbeating automatically.
struct SleepJob: JobHandler {
    struct Payload: Codable, Sendable {
        var milliseconds: Int
    }

    static let kind: JobKind = "test.sleep"
    static let policy = JobPolicy(maxAttempts: 3, timeout: .seconds(60), lease: .seconds(1),
                                  backoffBase: .milliseconds(10), backoffCap: .milliseconds(50))
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.milliseconds, org: context.org, attempt: context.attempt))
        try await Task.sleep(for: .milliseconds(payload.milliseconds))
    }
}

/// Writes one audit row as its side effect, in the completing transaction (exactly once).
struct LedgerJob: JobHandler {
    struct Payload: Codable, Sendable {
        var value: Int
    }

    static let kind: JobKind = "test.ledger"
    static let policy = JobPolicy(maxAttempts: 3, lease: .seconds(1), backoffBase: .milliseconds(10), backoffCap: .milliseconds(50))
    let log: RunLog

    func run(_ payload: Payload, context: JobContext) async throws {
        log.append(.init(id: context.jobID, value: payload.value, org: context.org, attempt: context.attempt))
        try await context.complete { tx in
            try await tx.audit(AuditEntry(actor: "test", action: "ledger", targetType: "job", targetID: context.jobID.description))
        }
    }
}

extension Database {
    /// Counts rows of a service-role query.
    func serviceCount(_ query: PostgresQuery) async throws -> Int {
        try await serviceStatement(query).first?.decode(Int.self) ?? 0
    }

    /// The stored job, as the operator sees it.
    func job(_ id: JobID) async throws -> JobRecord {
        try await JobsService(database: self).get(org: nil, id: id)
    }
}

func registry(_ handlers: [any JobHandler]) -> JobRegistry {
    var registry = JobRegistry()
    for handler in handlers { registry.register(handler) }
    return registry
}

func fastWorkers(_ database: Database, _ registry: JobRegistry, concurrency: Int = 4) -> WorkerPool {
    WorkerPool(database: database, registry: registry,
               configuration: WorkerConfiguration(concurrency: concurrency, pollInterval: .milliseconds(100), shutdownDeadline: .seconds(2)),
               logger: TestCluster.logger)
}
