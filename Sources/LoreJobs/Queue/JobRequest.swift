import Foundation
import LoreCore
import PostgresNIO

/// A validated job ready to insert: every enqueue path (inside a tenant transaction, through
/// `JobQueue`, from the scheduler) builds one, so the rules are checked in one place.
struct JobRequest: Sendable {
    var id = JobID()
    var org: OrgID?
    var kind: JobKind
    var payloadJSON: String
    var priority: JobPriority
    var delay: Duration
    var maxAttempts: Int
    var leaseSeconds: Int
    var uniqueKey: String?

    /// Validates everything but the payload's shape (the typed paths cannot get that wrong).
    init(org: OrgID?, kind: JobKind, payloadJSON: String, priority: JobPriority, delay: Duration, policy: JobPolicy, uniqueKey: String?) throws {
        try JobPayloadCoding.checkSize(payloadJSON.utf8.count)
        guard delay >= .zero else {
            throw LoreError(.invalidJobDelay, "a job's delay cannot be negative")
        }
        guard delay <= .seconds(366 * 86_400) else {
            throw LoreError(.invalidJobDelay, "a job's delay cannot exceed a year")
        }
        if let uniqueKey {
            guard (1...300).contains(uniqueKey.count), !uniqueKey.unicodeScalars.contains(where: { $0.value < 32 }) else {
                throw LoreError(.invalidArgument, "a unique key needs 1 to 300 printable characters")
            }
        }
        guard (1...100).contains(policy.maxAttempts) else {
            throw LoreError(.invalidArgument, "max attempts must be between 1 and 100")
        }
        self.org = org
        self.kind = kind
        self.payloadJSON = payloadJSON
        self.priority = priority
        self.delay = delay
        self.maxAttempts = policy.maxAttempts
        self.leaseSeconds = policy.leaseSeconds
        self.uniqueKey = uniqueKey
    }

    /// A typed job.
    static func typed<H: JobHandler>(_ handler: H.Type, _ payload: H.Payload, org: OrgID?, priority: JobPriority?,
                                     delay: Duration, uniqueKey: String?) throws -> JobRequest {
        try JobRequest(org: org, kind: H.kind, payloadJSON: try JobPayloadCoding.encode(payload),
                       priority: priority ?? H.policy.priority, delay: delay, policy: H.policy, uniqueKey: uniqueKey)
    }

    /// Inserts the job unless a live job has the same organisation, kind and unique key, and
    /// notifies idle workers (delivered when the surrounding transaction commits, never if it
    /// rolls back). Returns the new id, or no row when the unique key was taken.
    var insertQuery: PostgresQuery {
        let priority = Int16(priority.rawValue)
        return """
            WITH inserted AS (
                INSERT INTO lore.jobs (id, org_id, kind, payload, priority, run_after, max_attempts, lease_seconds, unique_key, fair_position)
                VALUES (\(id.uuid), \(org?.uuid), \(kind.rawValue), \(payloadJSON)::jsonb, \(priority),
                        now() + \(delay.seconds) * interval '1 second', \(maxAttempts), \(leaseSeconds), \(uniqueKey),
                        lore.next_job_position(\(org?.uuid)::uuid, \(priority)::smallint))
                ON CONFLICT (org_id, kind, unique_key) WHERE unique_key IS NOT NULL AND status IN ('pending', 'running', 'failed')
                DO NOTHING
                RETURNING id)
            SELECT inserted.id FROM inserted CROSS JOIN LATERAL pg_notify(\(JobNotifications.channel), '') AS notified
            """
    }
}

/// Many jobs of one kind for one organisation in one statement, in order (imports, benchmarks).
struct JobBatchRequest: Sendable {
    var ids: [JobID]
    var org: OrgID?
    var kind: JobKind
    var payloads: [String]
    var priority: JobPriority
    var maxAttempts: Int
    var leaseSeconds: Int

    static func typed<H: JobHandler>(_ handler: H.Type, _ payloads: [H.Payload], org: OrgID?, priority: JobPriority?) throws -> JobBatchRequest {
        let encoded = try payloads.map { try JobPayloadCoding.encode($0) }
        return JobBatchRequest(ids: encoded.map { _ in JobID() }, org: org, kind: H.kind, payloads: encoded,
                               priority: priority ?? H.policy.priority, maxAttempts: H.policy.maxAttempts,
                               leaseSeconds: H.policy.leaseSeconds)
    }

    /// The batch takes consecutive fair positions from the organisation's place in the queue.
    var insertQuery: PostgresQuery {
        let priority = Int16(priority.rawValue)
        return """
            WITH base AS (
                SELECT lore.next_job_position(\(org?.uuid)::uuid, \(priority)::smallint) AS position,
                       lore.job_weight(\(org?.uuid)::uuid) AS weight),
            inserted AS (
                INSERT INTO lore.jobs (id, org_id, kind, payload, priority, max_attempts, lease_seconds, fair_position)
                SELECT d.id, \(org?.uuid)::uuid, \(kind.rawValue), d.payload::jsonb, \(priority), \(maxAttempts), \(leaseSeconds),
                       base.position + (d.n - 1) / base.weight
                  FROM unnest(\(ids.map(\.uuid))::uuid[], \(payloads)::text[]) WITH ORDINALITY AS d(id, payload, n), base
                RETURNING 1)
            SELECT count(*)::int FROM inserted CROSS JOIN LATERAL pg_notify(\(JobNotifications.channel), '') AS notified
            """
    }
}

/// The LISTEN/NOTIFY channel that wakes idle workers.
public enum JobNotifications {
    public static let channel = "lore_jobs"
}
