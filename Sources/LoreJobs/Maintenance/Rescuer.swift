import Foundation
import Logging
import LoreCore
import LoreDatabase
import ServiceLifecycle

/// Takes back jobs whose worker stopped renewing the lease (it crashed, was killed, lost its
/// network): back to `pending` after a backoff while attempts remain (the lost attempt counts),
/// dead otherwise. A long job whose worker still heartbeats keeps extending its lease and is
/// never rescued, however long it runs.
///
/// Safe to run in every worker process: each expired job is taken by exactly one rescuer
/// (`FOR UPDATE SKIP LOCKED`).
public final class Rescuer: Service, Sendable {
    let database: Database
    let registry: JobRegistry
    let interval: Duration
    let logger: Logger

    public init(database: Database, registry: JobRegistry, interval: Duration = .seconds(5), logger: Logger) {
        self.database = database
        self.registry = registry
        self.interval = interval
        self.logger = logger
    }

    public struct Rescued: Sendable, Equatable {
        public var id: JobID
        public var kind: String
        /// `pending` (to be retried) or `dead` (out of attempts).
        public var status: JobStatus
        public var attempt: Int
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await rescueExpired()
            } catch {
                logger.warning("rescuer pass failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }

    /// One pass: rescues up to `limit` jobs whose lease expired.
    @discardableResult
    public func rescueExpired(limit: Int = 500) async throws -> [Rescued] {
        let rescued = try await database.withService { tx -> [Rescued] in
            try await tx.query("\(unescaped: JobSQL.relaxedCommit)")
            let rows = try await tx.query("""
                SELECT id, kind, attempt, max_attempts, lease_owner FROM lore.jobs
                 WHERE status = 'running' AND lease_expires_at < now()
                 ORDER BY lease_expires_at LIMIT \(limit)
                 FOR UPDATE SKIP LOCKED
                """)
            var ids: [UUID] = [], delays: [Double] = []
            for try await (id, kind, attempt, maxAttempts, _) in rows.decode((UUID, String, Int, Int, String?).self) {
                let policy = registry.policy(for: kind) ?? .standard
                ids.append(id)
                delays.append(attempt < maxAttempts ? Backoff.delay(afterAttempt: attempt, policy: policy).seconds : -1)
            }
            guard !ids.isEmpty else { return [] }
            let message = "the worker stopped renewing its lease (it crashed, was killed or lost the database); attempt counted"
            var result: [Rescued] = []
            let updated = try await tx.query("""
                UPDATE lore.jobs j
                   SET status = CASE WHEN d.delay >= 0 THEN 'pending' ELSE 'dead' END,
                       run_after = CASE WHEN d.delay >= 0 THEN now() + d.delay * interval '1 second' ELSE j.run_after END,
                       finished_at = CASE WHEN d.delay >= 0 THEN NULL ELSE now() END,
                       last_error = \(message),
                       errors = j.errors || jsonb_build_array(jsonb_build_object(
                           'attempt', j.attempt, 'at', extract(epoch FROM now()), 'code', 'lease_expired',
                           'message', \(message)::text, 'worker', j.lease_owner)),
                       lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                  FROM unnest(\(ids)::uuid[], \(delays)::float8[]) AS d(id, delay)
                 WHERE j.id = d.id AND j.status = 'running'
                RETURNING j.id, j.kind, j.status, j.attempt
                """)
            for try await (id, kind, status, attempt) in updated.decode((UUID, String, String, Int).self) {
                result.append(Rescued(id: JobID(id), kind: kind, status: JobStatus(rawValue: status) ?? .pending, attempt: attempt))
            }
            return result
        }
        for job in rescued {
            JobMetrics.rescued(kind: job.kind).increment()
            logger.warning("rescued a job from a lost worker", metadata: ["lore.job": "\(job.id)", "lore.job.kind": "\(job.kind)",
                                                                        "status": "\(job.status.rawValue)", "attempt": "\(job.attempt)"])
        }
        if rescued.contains(where: { $0.status == .pending }) {
            _ = try? await database.serviceStatement("SELECT pg_notify(\(JobNotifications.channel), '')")
        }
        return rescued
    }
}
