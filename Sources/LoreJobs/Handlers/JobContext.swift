import Foundation
import Logging
import LoreCore
import LoreDatabase
import PostgresNIO

/// What a handler knows about the attempt it runs, and its doors to the database.
public struct JobContext: Sendable {
    public let jobID: JobID
    public let kind: JobKind
    /// The job's organisation; nil for system jobs.
    public let org: OrgID?
    /// 1 for the first attempt.
    public let attempt: Int
    public let maxAttempts: Int
    public let priority: JobPriority
    public let enqueuedAt: Date
    /// Carries `lore.job`, `lore.job.kind`, `lore.job.attempt` and `lore.org` metadata.
    public let logger: Logger
    public let database: Database
    let lease: JobLease
    let store: JobStore

    /// True when this is the last attempt the job gets.
    public var isLastAttempt: Bool { attempt >= maxAttempts }

    /// Renews the lease now (the worker also renews it automatically while the handler runs).
    /// Throws `JobError.leaseLost` when the job belongs to someone else now; the handler should
    /// stop without writing anything.
    public func heartbeat() async throws {
        let now = ContinuousClock.now
        let renewed = try await store.heartbeat([lease.key])
        guard renewed.contains(jobID) else {
            lease.interruption.fire(.leaseLost)
            throw JobError.leaseLost
        }
        lease.renewed(at: now)
    }

    /// Runs `body` in one transaction scoped to the job's organisation that also marks the job
    /// succeeded. If this worker no longer holds the lease (the job was rescued, cancelled or
    /// completed elsewhere), the transaction rolls back and `JobError.leaseLost` is thrown, so
    /// the writes of `body` happen exactly once however often the job is attempted.
    @discardableResult
    public func complete<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        guard let org else {
            throw JobError.permanent("a system job has no organisation; use completeAsService")
        }
        let key = lease.key
        let value = try await database.withOrg(org) { tx in
            let value = try await body(tx)
            let updated = try await tx.count(JobSQL.completeOne(key))
            guard updated == 1 else { throw JobError.leaseLost }
            return value
        }
        lease.markCompleted()
        return value
    }

    /// `complete(_:)` for system jobs: the transaction runs as the service role.
    @discardableResult
    public func completeAsService<T: Sendable>(_ body: (ServiceTransaction) async throws -> T) async throws -> T {
        let key = lease.key
        let value = try await database.withService { tx in
            let value = try await body(tx)
            var updated = 0
            for try await _ in try await tx.query(JobSQL.completeOne(key)) { updated += 1 }
            guard updated == 1 else { throw JobError.leaseLost }
            return value
        }
        lease.markCompleted()
        return value
    }

    /// Runs `body` in a transaction scoped to the job's organisation (no completion).
    public func withOrg<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        guard let org else { throw JobError.permanent("a system job has no organisation") }
        return try await database.withOrg(org, body)
    }
}

/// Statements shared by the store and the context.
enum JobSQL {
    /// Makes the statement's own (implicit) transaction commit without waiting for the WAL
    /// flush. Used for the queue's bookkeeping only (claims, completions, heartbeats, failures,
    /// rescues), which is at-least-once by design: if PostgreSQL itself crashed, the last few
    /// hundred milliseconds of such commits could be lost, and the jobs concerned would simply
    /// run again (a lost claim's lease token no longer matches anything). Enqueues (part of the
    /// caller's transaction) and `JobContext.complete` stay fully synchronous, and a synchronous
    /// commit flushes every earlier one, so no job and no exactly-once effect can be lost.
    /// Without it every claim and completion waits for an fsync, which caps a worker at a few
    /// hundred jobs per second.
    static let relaxedCommit = "SELECT set_config('synchronous_commit', 'off', true)"

    static func completeOne(_ key: LeaseKey) -> PostgresQuery {
        """
        UPDATE lore.jobs SET status = 'succeeded', finished_at = now(), updated_at = now(),
               lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = \(key.id.uuid) AND lease_token = \(key.token) AND status = 'running'
        RETURNING id
        """
    }
}
