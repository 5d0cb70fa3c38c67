import Foundation
import Logging
import LoreCore
import LoreDatabase
import PostgresNIO

/// The queue's state changes, as single statements run by the service role. Every change of a
/// running job names its lease token, so a worker that lost the job (rescued, cancelled)
/// changes nothing.
struct JobStore: Sendable {
    let database: Database

    /// Claims up to `limit` ready jobs: most urgent priority first, then fair position (which
    /// interleaves organisations), then age. Skips rows other workers are claiming right now.
    /// Counts the attempt and starts the lease.
    func claim(limit: Int, owner: String) async throws -> [ClaimedJob] {
        try await database.serviceExecute(ClaimStatement(limit: limit, owner: owner)).map { row in
            let (id, org, kind, payload, priority, attempt, maxAttempts, token, lease, created, waited) = row
            return ClaimedJob(id: JobID(id), org: org.map(OrgID.init), kind: kind, payloadJSON: payload,
                              priority: JobPriority(rawValue: priority) ?? .normal, attempt: attempt, maxAttempts: maxAttempts,
                              leaseToken: token, leaseSeconds: lease, createdAt: created, waitedSeconds: max(0, waited))
        }
    }

    /// Marks the given attempts succeeded; returns the jobs this call completed (a stale lease
    /// completes nothing).
    func complete(_ leases: [LeaseKey]) async throws -> Set<JobID> {
        guard !leases.isEmpty else { return [] }
        let rows = try await database.serviceExecute(CompleteStatement(ids: leases.map(\.id.uuid), tokens: leases.map(\.token)))
        return Set(rows.map(JobID.init))
    }

    /// Records a failed attempt: retried after `retryDelay` (status `failed`) while attempts
    /// remain, otherwise (or with a nil delay) dead. Returns the new status, nil if the lease
    /// was no longer held.
    func fail(_ lease: LeaseKey, failure: JobFailure, retryDelay: Duration?) async throws -> JobStatus? {
        let retrySeconds: Double? = retryDelay.map(\.seconds)
        let rows = try await database.serviceStatement("""
            WITH relaxed AS (\(unescaped: JobSQL.relaxedCommit))
            UPDATE lore.jobs
               SET status = CASE WHEN \(retrySeconds)::float8 IS NOT NULL AND attempt < max_attempts THEN 'failed' ELSE 'dead' END,
                   run_after = CASE WHEN \(retrySeconds)::float8 IS NOT NULL AND attempt < max_attempts
                                    THEN now() + \(retrySeconds)::float8 * interval '1 second' ELSE run_after END,
                   finished_at = CASE WHEN \(retrySeconds)::float8 IS NOT NULL AND attempt < max_attempts THEN NULL ELSE now() END,
                   last_error = \(failure.message),
                   errors = errors || jsonb_build_array(jsonb_build_object(
                       'attempt', attempt, 'at', extract(epoch FROM now()), 'code', \(failure.code)::text,
                       'message', \(failure.message)::text, 'worker', lease_owner)),
                   lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
              FROM relaxed
             WHERE id = \(lease.id.uuid) AND lease_token = \(lease.token) AND status = 'running'
            RETURNING status
            """)
        return try rows.first.map { try JobStatus(rawValue: $0.decode(String.self)) ?? .dead }
    }

    /// Gives a job back without counting the attempt (graceful shutdown).
    func release(_ lease: LeaseKey, reason: String) async throws -> Bool {
        let rows = try await database.serviceStatement("""
            WITH relaxed AS (\(unescaped: JobSQL.relaxedCommit))
            UPDATE lore.jobs
               SET status = 'pending', attempt = greatest(attempt - 1, 0), run_after = now(),
                   errors = errors || jsonb_build_array(jsonb_build_object(
                       'attempt', attempt, 'at', extract(epoch FROM now()), 'code', 'released',
                       'message', \(reason)::text, 'worker', lease_owner)),
                   lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
              FROM relaxed
             WHERE id = \(lease.id.uuid) AND lease_token = \(lease.token) AND status = 'running'
            RETURNING id
            """)
        if !rows.isEmpty { _ = try? await database.serviceStatement("SELECT pg_notify(\(JobNotifications.channel), '')") }
        return !rows.isEmpty
    }

    /// Extends the leases still held; returns the jobs whose lease was renewed.
    func heartbeat(_ leases: [LeaseKey]) async throws -> Set<JobID> {
        guard !leases.isEmpty else { return [] }
        let rows = try await database.serviceExecute(HeartbeatStatement(ids: leases.map(\.id.uuid), tokens: leases.map(\.token)))
        return Set(rows.map(JobID.init))
    }
}
