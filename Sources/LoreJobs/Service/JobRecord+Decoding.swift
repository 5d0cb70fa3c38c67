import Foundation
import LoreCore
import PostgresNIO

extension JobRecord {
    static let columns = """
        id, org_id, kind, payload::text, priority::int, status, attempt, max_attempts, run_after, unique_key, lease_owner,
        lease_expires_at, last_error, errors::text, created_at, updated_at, started_at, finished_at
        """

    static func decode(_ rows: [PostgresRow]) throws -> [JobRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try rows.map { row in
            let (id, org, kind, payload, priority, status, attempt, maxAttempts, runAfter, uniqueKey, owner, leaseExpires, lastError,
                 errors, created, updated, started, finished) = try row.decode(
                    (UUID, UUID?, String, String, Int, String, Int, Int, Date, String?, String?, Date?, String?, String, Date, Date, Date?, Date?).self)
            return JobRecord(
                id: JobID(id), org: org.map(OrgID.init), kind: (try? JobKind(validating: kind)) ?? "invalid",
                payloadJSON: payload, priority: JobPriority(rawValue: priority) ?? .normal, status: JobStatus(rawValue: status) ?? .pending,
                attempt: attempt, maxAttempts: maxAttempts, runAfter: runAfter, uniqueKey: uniqueKey, leaseOwner: owner,
                leaseExpiresAt: leaseExpires, lastError: lastError,
                errors: (try? decoder.decode([JobErrorEntry].self, from: Data(errors.utf8))) ?? [],
                createdAt: created, updatedAt: updated, startedAt: started, finishedAt: finished)
        }
    }
}
