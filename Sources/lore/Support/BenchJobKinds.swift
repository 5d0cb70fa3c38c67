import Foundation
import LoreCore
import LoreDatabase
import LoreJobs
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Job kinds for `lore bench jobs` and `lore bench jobs-chaos` only. Production workers never
/// register them; `lore worker --test-kinds` (a hidden flag the chaos command passes) does.
enum BenchJobKinds {
    static func registry(recorder: StartRecorder? = nil) -> JobRegistry {
        var registry = JobRegistry()
        registry.register(NoopJob(recorder: recorder))
        registry.register(ChaosLedgerJob())
        registry.register(ChaosPoisonJob())
        return registry
    }
}

/// When each job's handler started (pickup latency), counted in-process.
final class StartRecorder: Sendable {
    private let starts = Mutex<[JobID: ContinuousClock.Instant]>([:])
    private let total = Mutex(0)

    func started(_ id: JobID) {
        let now = ContinuousClock.now
        starts.withLock { $0[id] = now }
        total.withLock { $0 += 1 }
    }

    var count: Int { total.withLock { $0 } }
    func start(of id: JobID) -> ContinuousClock.Instant? { starts.withLock { $0[id] } }
    func reset() {
        starts.withLock { $0.removeAll() }
        total.withLock { $0 = 0 }
    }
}

/// Does nothing: measures the queue itself.
struct NoopJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind: JobKind = "bench.noop"
    let recorder: StartRecorder?

    func run(_ payload: Payload, context: JobContext) async throws {
        recorder?.started(context.jobID)
    }
}

/// Works a little, fails transiently on its first attempts when asked, then writes one ledger
/// row (an audit entry naming the job) in the transaction that completes the job: the ledger
/// shows whether any side effect happened twice.
struct ChaosLedgerJob: JobHandler {
    struct Payload: Codable, Sendable {
        var workMilliseconds: Int
        var failFirstAttempts: Int
    }

    static let kind: JobKind = "bench.chaos-ledger"
    static let policy = JobPolicy(maxAttempts: 5, timeout: .seconds(30), lease: .seconds(2),
                                  backoffBase: .milliseconds(100), backoffCap: .seconds(2))
    static let ledgerAction = "chaos.effect"

    func run(_ payload: Payload, context: JobContext) async throws {
        try await Task.sleep(for: .milliseconds(payload.workMilliseconds))
        if context.attempt <= payload.failFirstAttempts {
            throw LoreError(.upstreamError, "simulated transient failure on attempt \(context.attempt)")
        }
        try await context.complete { tx in
            try await tx.audit(AuditEntry(actor: "chaos", action: Self.ledgerAction, targetType: "job", targetID: context.jobID.description))
        }
    }
}

/// Kills the worker process that runs it: after its three attempts it must end dead.
struct ChaosPoisonJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind: JobKind = "bench.chaos-poison"
    static let policy = JobPolicy(maxAttempts: 3, timeout: .seconds(30), lease: .seconds(2),
                                  backoffBase: .milliseconds(100), backoffCap: .seconds(2))

    func run(_ payload: Payload, context: JobContext) async throws {
        context.logger.error("poison job: killing this worker process")
        kill(getpid(), SIGKILL)
    }
}
