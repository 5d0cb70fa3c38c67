import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs

/// `lore jobs list|show|retry|cancel|dead|stats`: the job queue for operators.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Inspect and steer the job queue (all organisations, or one with --org).",
        subcommands: [List.self, Show.self, Retry.self, Cancel.self, Dead.self, Stats.self])

    /// Options shared by every jobs subcommand.
    struct Scope: ParsableArguments {
        @Option(help: "Only this organisation (its slug); default: every organisation and system jobs.")
        var org: String?

        @Flag(help: "Print JSON.")
        var json = false

        /// The organisation named by --org, resolved as the operator.
        func orgID(_ runtime: LoreRuntime) async throws -> OrgID? {
            guard let org else { return nil }
            guard let found = try await runtime.database.withService({ tx in try await tx.organization(slug: org) }) else {
                throw LoreError(.notFound, "no organisation with the slug \(org)")
            }
            return found.id
        }
    }

    /// Runs `action` on one job (show, retry, cancel) and prints the job it returns.
    static func actOnJob(_ global: GlobalOptions, _ scope: Scope, _ text: String,
                         _ action: @escaping @Sendable (LoreRuntime, OrgID?, JobID) async throws -> JobRecord) async throws {
        try await reportingLoreErrors {
            let id = try parseID(text)
            let job = try await global.withRuntime { runtime in try await action(runtime, try await scope.orgID(runtime), id) }
            try printJob(job, json: scope.json)
        }
    }

    static func parseID(_ text: String) throws -> JobID {
        guard let id = JobID(text) else { throw LoreError(.invalidArgument, "\(text) is not a job id") }
        return id
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Option(help: "pending, running, succeeded, failed, dead or cancelled.") var status: String?
        @Option(help: "Only this job kind.") var kind: String?
        @Option(help: "Only this priority (0–4 or critical, high, normal, low, maintenance).") var priority: String?
        @Option(help: "At most this many (1–500).") var limit = 50

        func run() async throws {
            try await reportingLoreErrors {
                let filter = JobsService.Filter(status: try status.map(JobStatus.init(parsing:)), kind: kind,
                                                priority: try priority.map(JobPriority.init(parsing:)), limit: limit)
                let scope = self.scope
                let jobs = try await global.withRuntime { runtime in
                    try await runtime.jobs.list(org: try await scope.orgID(runtime), filter: filter)
                }
                try JobsCommand.printList(jobs, json: scope.json)
            }
        }
    }

    struct Dead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the dead-letter queue (jobs out of attempts or failed for good).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Option(help: "At most this many (1–500).") var limit = 50

        func run() async throws {
            try await reportingLoreErrors {
                let (scope, limit) = (self.scope, self.limit)
                let jobs = try await global.withRuntime { runtime in
                    try await runtime.jobs.list(org: try await scope.orgID(runtime), filter: .init(status: .dead, limit: limit))
                }
                try JobsCommand.printList(jobs, json: scope.json)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one job with its payload and error history.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            try await JobsCommand.actOnJob(global, scope, self.id) { runtime, org, id in try await runtime.jobs.get(org: org, id: id) }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replay a dead or cancelled job, or run a job waiting for its retry now.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            try await JobsCommand.actOnJob(global, scope, self.id) { runtime, org, id in try await runtime.jobs.retry(org: org, id: id, actor: "cli") }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a job that has not finished (a running attempt is interrupted).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            try await JobsCommand.actOnJob(global, scope, self.id) { runtime, org, id in try await runtime.jobs.cancel(org: org, id: id, actor: "cli") }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue depth by priority, kind and status; throughput, run times, dead jobs and the recommended worker count.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope

        func run() async throws {
            try await reportingLoreErrors {
                let scope = self.scope
                let stats = try await global.withRuntime { runtime in try await runtime.jobs.stats(org: try await scope.orgID(runtime)) }
                if scope.json {
                    print(try jsonText(stats))
                    return
                }
                if stats.depth.isEmpty {
                    print("No live or dead jobs.")
                } else {
                    print(TextTable.render([["priority", "kind", "status", "jobs"]]
                        + stats.depth.map { ["\($0.priority.rawValue) \($0.priority.name)", $0.kind, $0.status.rawValue, "\($0.count)"] }))
                }
                if !stats.kinds.isEmpty {
                    print("")
                    print(TextTable.render([["kind", "ready", "running", "done/min", "avg run s"]] + stats.kinds.map {
                        [$0.kind, "\($0.ready)", "\($0.running)", String(format: "%.1f", $0.completionsPerSecond * 60),
                         $0.averageRunSeconds.map { String(format: "%.3f", $0) } ?? "-"]
                    }))
                }
                print("")
                print("dead jobs: \(stats.deadCount)" + (stats.oldestReadySeconds.map { String(format: "; oldest ready job waited %.1f s", $0) } ?? ""))
                if let advice = stats.autoscaling {
                    print(String(format: "recommended workers: %d (concurrency %d each; needs %d slots: steady load %.2f, backlog %.0f worker-s)",
                                 advice.recommendedWorkers, advice.policy.concurrencyPerWorker, advice.requiredConcurrency,
                                 advice.steadyLoad, advice.backlogWorkSeconds))
                }
            }
        }
    }

    static func printList(_ jobs: [JobRecord], json: Bool) throws {
        if json {
            print(try jsonText(jobs.map(JobOutput.init)))
        } else if jobs.isEmpty {
            print("No jobs.")
        } else {
            let formatter = ISO8601DateFormatter()
            print(TextTable.render([["id", "kind", "status", "prio", "attempt", "created", "last error"]] + jobs.map {
                [$0.id.description, $0.kind.rawValue, $0.status.rawValue, "\($0.priority.rawValue)", "\($0.attempt)/\($0.maxAttempts)",
                 formatter.string(from: $0.createdAt), String(($0.lastError ?? "").prefix(60))]
            }))
        }
    }

    static func printJob(_ job: JobRecord, json: Bool) throws {
        if json {
            print(try jsonText(JobOutput(job)))
            return
        }
        let formatter = ISO8601DateFormatter()
        print("""
            job        \(job.id)
            kind       \(job.kind)
            org        \(job.org?.description ?? "(system)")
            status     \(job.status.rawValue)
            priority   \(job.priority.rawValue) (\(job.priority.name))
            attempt    \(job.attempt) of \(job.maxAttempts)
            run after  \(formatter.string(from: job.runAfter))
            created    \(formatter.string(from: job.createdAt))
            finished   \(job.finishedAt.map(formatter.string(from:)) ?? "-")
            unique key \(job.uniqueKey ?? "-")
            payload    \(job.payloadJSON.prefix(2000))
            """)
        if !job.errors.isEmpty {
            print("")
            print(TextTable.render([["attempt", "at", "code", "message"]] + job.errors.map {
                ["\($0.attempt)", formatter.string(from: $0.at), $0.code, $0.message]
            }))
        }
    }
}

/// A job as the CLI prints it in JSON.
struct JobOutput: Encodable {
    let id: String
    let org: String?
    let kind: String
    let status: String
    let priority: Int
    let attempt: Int
    let maxAttempts: Int
    let runAfter: Date
    let uniqueKey: String?
    let lastError: String?
    let errors: [JobErrorEntry]
    let payload: String
    let createdAt: Date
    let finishedAt: Date?

    init(_ job: JobRecord) {
        id = job.id.description
        org = job.org?.description
        kind = job.kind.rawValue
        status = job.status.rawValue
        priority = job.priority.rawValue
        attempt = job.attempt
        maxAttempts = job.maxAttempts
        runAfter = job.runAfter
        uniqueKey = job.uniqueKey
        lastError = job.lastError
        errors = job.errors
        payload = job.payloadJSON
        createdAt = job.createdAt
        finishedAt = job.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, org, kind, status, priority, attempt, errors, payload
        case maxAttempts = "max_attempts"
        case runAfter = "run_after"
        case uniqueKey = "unique_key"
        case lastError = "last_error"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }
}
