import Foundation
import LoreCore
import LoreDatabase
import PostgresNIO

/// The queue as operators and organisations see it: listing, inspection, replay, cancellation
/// and statistics. With an organisation every call is tenant-scoped (row-level security: another
/// organisation's job is "not found"); with `org: nil` it is the operator's system-wide view.
public struct JobsService: Sendable {
    let database: Database
    public let autoscaling: AutoscalingPolicy

    public init(database: Database, autoscaling: AutoscalingPolicy = AutoscalingPolicy()) {
        self.database = database
        self.autoscaling = autoscaling
    }

    public struct Filter: Sendable {
        public var status: JobStatus?
        public var kind: String?
        public var priority: JobPriority?
        public var limit: Int
        /// Continue after this job (the last one of the previous page).
        public var after: JobID?

        public init(status: JobStatus? = nil, kind: String? = nil, priority: JobPriority? = nil, limit: Int = 50, after: JobID? = nil) {
            self.status = status
            self.kind = kind
            self.priority = priority
            self.limit = limit
            self.after = after
        }
    }

    /// Newest first.
    public func list(org: OrgID?, filter: Filter = Filter()) async throws -> [JobRecord] {
        guard (1...500).contains(filter.limit) else { throw LoreError(.invalidArgument, "limit must be between 1 and 500") }
        if let kind = filter.kind { _ = try JobKind(validating: kind) }
        let status = filter.status?.rawValue, kind = filter.kind, priority = filter.priority.map { $0.rawValue }
        let after = filter.after?.uuid
        return try await scoped(org) { run in
            try JobRecord.decode(try await run("""
                SELECT \(unescaped: JobRecord.columns) FROM lore.jobs
                 WHERE (\(status)::text IS NULL OR status = \(status))
                   AND (\(kind)::text IS NULL OR kind = \(kind))
                   AND (\(priority)::int IS NULL OR priority = \(priority))
                   AND (\(after)::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM lore.jobs WHERE id = \(after)))
                 ORDER BY created_at DESC, id DESC
                 LIMIT \(filter.limit)
                """))
        }
    }

    /// One job with its error history; `job_not_found` if it is not visible to `org`.
    public func get(org: OrgID?, id: JobID) async throws -> JobRecord {
        let found = try await scoped(org) { run in
            try JobRecord.decode(try await run("SELECT \(unescaped: JobRecord.columns) FROM lore.jobs WHERE id = \(id.uuid)")).first
        }
        guard let found else { throw Self.notFound }
        return found
    }

    /// Replays a dead or cancelled job from scratch (attempts reset, history kept), or runs a
    /// job waiting for its retry now.
    public func retry(org: OrgID?, id: JobID, actor: String) async throws -> JobRecord {
        do {
            return try await transition(org: org, id: id, allowed: [.dead, .cancelled, .failed], verb: "retried", sql: """
                UPDATE lore.jobs
                   SET status = CASE WHEN status = 'failed' THEN 'failed' ELSE 'pending' END,
                       attempt = CASE WHEN status = 'failed' THEN attempt ELSE 0 END,
                       fair_position = CASE WHEN status = 'failed' THEN fair_position ELSE lore.next_job_position(org_id, priority) END,
                       run_after = now(), finished_at = NULL, updated_at = now(),
                       errors = errors || jsonb_build_array(jsonb_build_object(
                           'attempt', attempt, 'at', extract(epoch FROM now()), 'code', 'replayed',
                           'message', \("replayed by \(actor)")::text, 'worker', NULL))
                 WHERE id = \(id.uuid) AND status IN ('dead', 'cancelled', 'failed')
                RETURNING \(unescaped: JobRecord.columns)
                """)
        } catch let error as LoreError where error.code == .conflict && error.details["constraint"] == "jobs_unique_live" {
            throw LoreError(.jobStateConflict, "another live job of this kind has the same unique key")
        }
    }

    /// Cancels a job that has not finished. A running attempt loses its lease: its worker
    /// interrupts it at the next heartbeat and nothing it completes afterwards counts.
    public func cancel(org: OrgID?, id: JobID, actor: String) async throws -> JobRecord {
        try await transition(org: org, id: id, allowed: [.pending, .failed, .running], verb: "cancelled", sql: """
            UPDATE lore.jobs
               SET status = 'cancelled', finished_at = now(), updated_at = now(),
                   lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL,
                   errors = errors || jsonb_build_array(jsonb_build_object(
                       'attempt', attempt, 'at', extract(epoch FROM now()), 'code', 'cancelled',
                       'message', \("cancelled by \(actor)")::text, 'worker', lease_owner))
             WHERE id = \(id.uuid) AND status IN ('pending', 'failed', 'running')
            RETURNING \(unescaped: JobRecord.columns)
            """)
    }

    /// Depth by priority, kind and status, recent throughput and run times per kind, the dead
    /// count; system-wide (`org: nil`) also the autoscaling recommendation.
    public func stats(org: OrgID?) async throws -> JobStats {
        let window = autoscaling.windowSeconds
        return try await scoped(org) { run in
            var depth: [JobStats.DepthEntry] = []
            var ready: [String: Int] = [:], running: [String: Int] = [:]
            var dead = 0
            for row in try await run("""
                SELECT priority::int, kind, status, count(*)::int,
                       count(*) FILTER (WHERE status IN ('pending', 'failed') AND run_after <= now())::int
                  FROM lore.jobs WHERE status IN ('pending', 'running', 'failed', 'dead')
                 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """) {
                let (priority, kind, statusText, count, due) = try row.decode((Int, String, String, Int, Int).self)
                let status = JobStatus(rawValue: statusText) ?? .pending
                depth.append(.init(priority: JobPriority(rawValue: priority) ?? .normal, kind: kind, status: status, count: count))
                ready[kind, default: 0] += due
                if status == .running { running[kind, default: 0] += count }
                if status == .dead { dead += count }
            }
            var completions: [String: (Int, Double?)] = [:]
            for row in try await run("""
                SELECT kind, count(*)::int, avg(extract(epoch FROM finished_at - started_at))::float8
                  FROM lore.jobs
                 WHERE status = 'succeeded' AND finished_at > now() - \(window) * interval '1 second'
                 GROUP BY kind
                """) {
                let (kind, count, average) = try row.decode((String, Int, Double?).self)
                completions[kind] = (count, average)
            }
            let oldest = try await run("""
                SELECT extract(epoch FROM now() - min(greatest(created_at, run_after)))::float8 FROM lore.jobs
                 WHERE status IN ('pending', 'failed') AND run_after <= now()
                """).first?.decode(Double?.self)
            let kinds = Set(ready.keys).union(running.keys).union(completions.keys).sorted()
            let loads = kinds.map { kind in
                KindLoad(kind: kind, ready: ready[kind] ?? 0, running: running[kind] ?? 0,
                         completionsPerSecond: Double(completions[kind]?.0 ?? 0) / window, averageRunSeconds: completions[kind]?.1)
            }
            return JobStats(depth: depth, kinds: loads, deadCount: dead, oldestReadySeconds: oldest ?? nil,
                            autoscaling: org == nil ? AutoscalingAdvisor.advise(loads, policy: autoscaling) : nil,
                            generatedAt: Date())
        }
    }

    static let notFound = LoreError(.jobNotFound, "no such job")

    private func transition(org: OrgID?, id: JobID, allowed: [JobStatus], verb: String, sql: PostgresQuery) async throws -> JobRecord {
        let (updated, current) = try await scoped(org) { run -> (JobRecord?, JobRecord?) in
            if let updated = try JobRecord.decode(try await run(sql)).first {
                _ = try await run("SELECT pg_notify(\(JobNotifications.channel), '')")
                return (updated, nil)
            }
            return (nil, try JobRecord.decode(try await run("SELECT \(unescaped: JobRecord.columns) FROM lore.jobs WHERE id = \(id.uuid)")).first)
        }
        if let updated { return updated }
        guard let current else { throw Self.notFound }
        throw LoreError(.jobStateConflict, "a \(current.status.rawValue) job cannot be \(verb); only \(allowed.map(\.rawValue).joined(separator: ", ")) jobs can")
    }

    typealias Run = (PostgresQuery) async throws -> [PostgresRow]

    /// Runs `body` as the organisation (RLS) or, for `nil`, as the service role.
    private func scoped<T: Sendable>(_ org: OrgID?, _ body: (Run) async throws -> T) async throws -> T {
        if let org {
            return try await database.withOrg(org) { tx in try await body { try await tx.query($0).collect() } }
        }
        return try await database.withService { tx in try await body { try await tx.query($0).collect() } }
    }
}
