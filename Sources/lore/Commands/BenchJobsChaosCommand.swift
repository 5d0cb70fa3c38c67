import ArgumentParser
import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// `lore bench jobs-chaos`: many jobs, several worker processes killed with SIGKILL again and
/// again, one PostgreSQL restart; then every job must be finished, none lost, and no side
/// effect done twice.
struct BenchJobsChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs-chaos",
        abstract: "Chaos test of the job queue: SIGKILLed workers and a PostgreSQL restart must lose no job and duplicate no side effect.",
        discussion: """
            In a scratch data directory (or --data-dir), queues --jobs ledger jobs over three \
            organisations (each works 5–60 ms, 5 % fail once transiently, and each writes one \
            ledger row in the transaction that completes it) plus --poison jobs that kill the \
            worker running them. Starts --workers `lore worker` processes, kills a random one \
            with SIGKILL every 100–300 ms and starts a new one, --kills times in all, and restarts \
            PostgreSQL once half-way. Then waits until every job is finished and reports jobs \
            lost (not finished, or a ledger job that did not succeed exactly once) and duplicate \
            side effects (ledger rows beyond one per job). Exits non-zero if either is not zero.
            """)

    @Option(name: .customLong("data-dir"), help: "Scratch data directory (default: a new temporary folder, removed afterwards).")
    var dataDirectory: String?

    @Option(help: "Ledger jobs to run.")
    var jobs = 10_000

    @Option(help: "Jobs that kill their worker (they must end dead after 3 attempts).")
    var poison = 3

    @Option(help: "Worker processes at any time.")
    var workers = 4

    @Option(help: "Concurrency of each worker process.")
    var concurrency = 4

    @Option(help: "SIGKILLs to deliver.")
    var kills = 120

    @Option(help: "Give up waiting for the queue to finish after this many seconds.")
    var timeout = 1_800

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    struct Report: Codable {
        var benchmark = "jobs-chaos"
        var jobs: Int
        var poisonJobs: Int
        var workerProcesses: Int
        var concurrencyPerWorker: Int
        var kills: Int
        var poisonCrashes: Int
        var postgresRestarts: Int
        var seconds: Double
        var succeeded: Int
        var dead: Int
        var deadPoison: Int
        var unfinished: Int
        var lost: Int
        var ledgerRows: Int
        var duplicateSideEffects: Int
        var attempts: Int
        var rescuedAttempts: Int
        var transientFailures: Int
        var releasedOnShutdown: Int
    }

    func validate() throws {
        guard jobs > 0, poison >= 0, (1...32).contains(workers), (1...64).contains(concurrency), kills >= 0, timeout > 0 else {
            throw ValidationError("--jobs must be positive, --workers 1–32, --concurrency 1–64, --kills and --poison not negative")
        }
    }

    func run() async throws {
        let report = try await reportingLoreErrors {
            try await ScratchRuntime.with(dataDirectory, logLevel: "error") { runtime in
                try await Chaos(runtime: runtime, command: self).run()
            }
        }
        print(TextTable.render([["measure", "value"],
            ["jobs (ledger + poison)", "\(report.jobs) + \(report.poisonJobs)"],
            ["worker processes × concurrency", "\(report.workerProcesses) × \(report.concurrencyPerWorker)"],
            ["SIGKILLs delivered", "\(report.kills)"],
            ["workers killed by poison jobs", "\(report.poisonCrashes)"],
            ["PostgreSQL restarts", "\(report.postgresRestarts)"],
            ["seconds", String(format: "%.1f", report.seconds)],
            ["succeeded", "\(report.succeeded)"],
            ["dead (of them poison)", "\(report.dead) (\(report.deadPoison))"],
            ["unfinished", "\(report.unfinished)"],
            ["jobs lost", "\(report.lost)"],
            ["ledger rows", "\(report.ledgerRows)"],
            ["duplicate side effects", "\(report.duplicateSideEffects)"],
            ["attempts", "\(report.attempts)"],
            ["attempts rescued from dead workers", "\(report.rescuedAttempts)"],
            ["transient failures retried", "\(report.transientFailures)"],
        ]))
        if let json { try writeJSON(report, to: json) }
        if report.lost != 0 || report.duplicateSideEffects != 0 || report.deadPoison != report.poisonJobs {
            FileHandle.standardError.write(Data("error: the queue lost jobs or duplicated side effects\n".utf8))
            throw ExitCode(1)
        }
    }

    /// One chaos run on a runtime.
    struct Chaos: Sendable {
        let runtime: LoreRuntime
        let command: BenchJobsChaosCommand

        var database: Database { runtime.database }

        func run() async throws -> Report {
            let queue = JobQueue(database: database, registry: BenchJobKinds.registry())
            var orgs: [OrgID] = []
            for index in 0..<3 {
                orgs.append(try await runtime.organizations.create(name: "Chaos \(index)", slug: nil, tier: .free, actor: "chaos").organization.id)
            }
            var generator = SystemRandomNumberGenerator()
            var left = command.jobs, round = 0
            while left > 0 {
                let count = min(left, 2_000)
                let payloads = (0..<count).map { _ in
                    ChaosLedgerJob.Payload(workMilliseconds: Int.random(in: 5...60, using: &generator),
                                           failFirstAttempts: Int.random(in: 0..<100, using: &generator) < 5 ? 1 : 0)
                }
                try await queue.enqueueBatch(ChaosLedgerJob.self, payloads, org: orgs[round % orgs.count])
                left -= count
                round += 1
            }
            for index in 0..<command.poison {
                try await queue.enqueue(ChaosPoisonJob.self, .init(), org: orgs[index % orgs.count])
            }

            let fleet = try WorkerFleet(dataDirectory: runtime.configuration.absoluteDataDirectory, concurrency: command.concurrency)
            let started = ContinuousClock.now
            var kills = 0, restarts = 0, poisonCrashes = 0
            var processes = try (0..<command.workers).map { _ in try fleet.spawn() }
            let total = command.jobs + command.poison
            let deadline = started + .seconds(command.timeout)
            while ContinuousClock.now < deadline {
                // A worker that died on its own was killed by a poison job: replace it.
                for index in processes.indices where !processes[index].isRunning {
                    poisonCrashes += 1
                    processes[index] = try fleet.spawn()
                }
                let finished = (try? await finishedCount()) ?? -1
                if kills >= command.kills && finished == total { break }
                if kills < command.kills {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...300, using: &generator)))
                    let index = Int.random(in: 0..<processes.count, using: &generator)
                    if await fleet.kill(processes[index]) {
                        kills += 1
                    } else {
                        poisonCrashes += 1
                    }
                    processes[index] = try fleet.spawn()
                    if restarts == 0 && kills >= command.kills / 2 {
                        try await restartPostgres()
                        restarts += 1
                    }
                } else {
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
            let seconds = (ContinuousClock.now - started).seconds
            await fleet.stopAll(processes)
            return try await measure(kills: kills, restarts: restarts, poisonCrashes: poisonCrashes, seconds: seconds)
        }

        /// Stops PostgreSQL (fast shutdown: every connection is cut) and starts it again.
        func restartPostgres() async throws {
            guard let session = runtime.session else { return }
            try await session.stopNow()
            try await Task.sleep(for: .seconds(1))
            _ = try await EmbeddedSession.begin(dataDirectory: runtime.configuration.absoluteDataDirectory,
                                                systemUser: runtime.configuration.postgresSystemUser, logger: runtime.logger)
            try? session.pin()
        }

        func finishedCount() async throws -> Int {
            try await database.serviceStatement("""
                SELECT count(*)::int FROM lore.jobs WHERE status IN ('succeeded', 'dead', 'cancelled')
                """).first?.decode(Int.self) ?? 0
        }

        func measure(kills: Int, restarts: Int, poisonCrashes: Int, seconds: Double) async throws -> Report {
            func number(_ query: PostgresQuery) async throws -> Int {
                try await database.serviceStatement(query).first?.decode(Int.self) ?? 0
            }
            let ledger = ChaosLedgerJob.kind.rawValue, poisonKind = ChaosPoisonJob.kind.rawValue
            let action = ChaosLedgerJob.ledgerAction
            let enqueued = command.jobs + command.poison
            let stored = try await number("SELECT count(*)::int FROM lore.jobs")
            let succeeded = try await number("SELECT count(*)::int FROM lore.jobs WHERE status = 'succeeded'")
            let dead = try await number("SELECT count(*)::int FROM lore.jobs WHERE status = 'dead'")
            let deadPoison = try await number("SELECT count(*)::int FROM lore.jobs WHERE status = 'dead' AND kind = \(poisonKind)")
            let unfinished = try await number("SELECT count(*)::int FROM lore.jobs WHERE status NOT IN ('succeeded', 'dead', 'cancelled')")
            // A ledger job is lost unless it succeeded with its side effect; a poison job unless it is dead.
            let ledgerNotDone = try await number("""
                SELECT count(*)::int FROM lore.jobs j
                 WHERE j.kind = \(ledger)
                   AND (j.status <> 'succeeded'
                        OR NOT EXISTS (SELECT 1 FROM lore.audit_log a WHERE a.action = \(action) AND a.target_id = j.id::text))
                """)
            let poisonNotDead = try await number("SELECT count(*)::int FROM lore.jobs WHERE kind = \(poisonKind) AND status <> 'dead'")
            let ledgerRows = try await number("SELECT count(*)::int FROM lore.audit_log WHERE action = \(action)")
            let ledgerJobs = try await number("SELECT count(DISTINCT target_id)::int FROM lore.audit_log WHERE action = \(action)")
            let attempts = try await number("SELECT coalesce(sum(attempt), 0)::int FROM lore.jobs")
            func events(_ code: String) async throws -> Int {
                try await number("""
                    SELECT count(*)::int FROM lore.jobs j, jsonb_array_elements(j.errors) e WHERE e->>'code' = \(code)
                    """)
            }
            return Report(
                jobs: command.jobs, poisonJobs: command.poison, workerProcesses: command.workers, concurrencyPerWorker: command.concurrency,
                kills: kills, poisonCrashes: poisonCrashes, postgresRestarts: restarts, seconds: seconds,
                succeeded: succeeded, dead: dead, deadPoison: deadPoison, unfinished: unfinished,
                lost: (enqueued - stored) + ledgerNotDone + poisonNotDead,
                ledgerRows: ledgerRows, duplicateSideEffects: ledgerRows - ledgerJobs, attempts: attempts,
                rescuedAttempts: try await events("lease_expired"), transientFailures: try await events("upstream_error"),
                releasedOnShutdown: try await events("released"))
        }
    }
}

/// The `lore worker` processes of a chaos run.
struct WorkerFleet: Sendable {
    let executable: URL
    let dataDirectory: String
    let concurrency: Int
    let logPath: String

    init(dataDirectory: String, concurrency: Int) throws {
        executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        self.dataDirectory = dataDirectory
        self.concurrency = concurrency
        logPath = URL(fileURLWithPath: dataDirectory).appendingPathComponent("chaos-workers.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    }

    func spawn() throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["worker", "--concurrency", "\(concurrency)", "--test-kinds", "--data-dir", dataDirectory, "--log-level", "error"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LORE_DATABASE_URL")
        process.environment = environment
        // Appending: every worker writes to the end, whatever the others wrote.
        let descriptor = open(logPath, O_WRONLY | O_APPEND)
        let log = descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LoreError(.internalError, "cannot start a worker process: \(error)")
        }
        return process
    }

    /// SIGKILL, then wait until the process is gone. False if it had already died.
    @discardableResult
    func kill(_ process: Process) async -> Bool {
        let delivered = process.isRunning && Glibc.kill(process.processIdentifier, SIGKILL) == 0
        while process.isRunning { try? await Task.sleep(for: .milliseconds(2)) }
        return delivered
    }

    /// SIGTERM (graceful), SIGKILL after 30 s.
    func stopAll(_ processes: [Process]) async {
        for process in processes where process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(30)
        while processes.contains(where: \.isRunning), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for process in processes where process.isRunning { await kill(process) }
    }
}
