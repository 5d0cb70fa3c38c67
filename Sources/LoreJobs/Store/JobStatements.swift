import Foundation
import PostgresNIO

// The queue's hottest statements, prepared once per connection: parsing and planning them on
// every call would cost the database more than running them.
//
// Each also commits without waiting for the WAL flush (`synchronous_commit` off for its own
// implicit transaction only, see `JobSQL.relaxedCommit`).

/// Claims up to `limit` ready jobs (see `JobStore.claim`).
struct ClaimStatement: PostgresPreparedStatement {
    typealias Row = (UUID, UUID?, String, String, Int, Int, Int, UUID, Int, Date, Double)

    static let sql = """
        WITH relaxed AS (\(JobSQL.relaxedCommit)),
        picked AS (
            SELECT id FROM lore.jobs
             WHERE status IN ('pending', 'failed') AND run_after <= now()
             ORDER BY priority, fair_position, created_at, id
             LIMIT $1
             FOR UPDATE SKIP LOCKED),
        claimed AS (
            UPDATE lore.jobs j
               SET status = 'running', attempt = j.attempt + 1, lease_token = gen_random_uuid(), lease_owner = $2,
                   lease_expires_at = now() + j.lease_seconds * interval '1 second', started_at = now(), updated_at = now()
              FROM picked, relaxed WHERE j.id = picked.id
            RETURNING j.*)
        -- UPDATE … RETURNING gives rows in no particular order: the batch comes back in claim order.
        SELECT id, org_id, kind, payload::text, priority::int, attempt, max_attempts, lease_token,
               lease_seconds, created_at, extract(epoch FROM now() - greatest(created_at, run_after))::float8
          FROM claimed ORDER BY priority, fair_position, created_at, id
        """

    var limit: Int
    var owner: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(limit)
        bindings.append(owner)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// Marks attempts succeeded, each only under its lease token.
struct CompleteStatement: PostgresPreparedStatement {
    typealias Row = UUID

    static let sql = """
        WITH relaxed AS (\(JobSQL.relaxedCommit))
        UPDATE lore.jobs j
           SET status = 'succeeded', finished_at = now(), updated_at = now(),
               lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
          FROM unnest($1::uuid[], $2::uuid[]) AS d(id, token), relaxed
         WHERE j.id = d.id AND j.lease_token = d.token AND j.status = 'running'
        RETURNING j.id
        """

    var ids: [UUID]
    var tokens: [UUID]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(ids)
        bindings.append(tokens)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(UUID.self) }
}

/// Extends the leases still held.
struct HeartbeatStatement: PostgresPreparedStatement {
    typealias Row = UUID

    static let sql = """
        WITH relaxed AS (\(JobSQL.relaxedCommit))
        UPDATE lore.jobs j
           SET lease_expires_at = now() + j.lease_seconds * interval '1 second', updated_at = now()
          FROM unnest($1::uuid[], $2::uuid[]) AS d(id, token), relaxed
         WHERE j.id = d.id AND j.lease_token = d.token AND j.status = 'running'
        RETURNING j.id
        """

    var ids: [UUID]
    var tokens: [UUID]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(ids)
        bindings.append(tokens)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(UUID.self) }
}
