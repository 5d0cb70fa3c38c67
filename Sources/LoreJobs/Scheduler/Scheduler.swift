import Foundation
import Logging
import LoreCore
import LoreDatabase
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Enqueues scheduled jobs from exactly one process, however many run it.
///
/// Leadership is a PostgreSQL session advisory lock held on a dedicated connection; the
/// leader's ticks run on that same connection, so a leader that loses its connection (and with
/// it the lock) cannot tick any more. Each tick locks the due schedule rows, enqueues one job
/// per due schedule and moves `next_run_at` past the present in the same transaction: after
/// downtime a schedule that missed N runs runs once, and a second leader (if ever) finds
/// nothing due. Each scheduled job also carries a unique key naming its slot.
public final class Scheduler: Service, Sendable {
    /// Arbitrary constant naming the scheduler's advisory lock.
    static let lockKey: Int64 = 0x4c6f_7265_5363_6864

    let endpoint: DatabaseEndpoint
    let schedules: [Schedule]
    let tickInterval: Duration
    let leaderRetryInterval: Duration
    let logger: Logger
    private let leader = Mutex(false)

    public init(endpoint: DatabaseEndpoint, schedules: [Schedule], tickInterval: Duration = .seconds(1),
                leaderRetryInterval: Duration = .seconds(5), logger: Logger) {
        precondition(Set(schedules.map(\.name)).count == schedules.count, "schedule names must be unique")
        self.endpoint = endpoint
        self.schedules = schedules
        self.tickInterval = tickInterval
        self.leaderRetryInterval = leaderRetryInterval
        self.logger = logger
    }

    /// True while this instance holds the leadership.
    public var isLeader: Bool { leader.withLock { $0 } }

    public func run() async throws {
        guard !schedules.isEmpty else { return }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await SingleConnection.with(try endpoint.connectionConfiguration(endpoint.service), logger: logger) { connection in
                    try await self.lead(on: connection)
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                logger.warning("scheduler lost its database connection", metadata: ["error": "\(error)"])
            }
            leader.withLock { $0 = false }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.leaderRetryInterval) }
        }
        leader.withLock { $0 = false }
    }

    /// Tries to become leader on `connection`; while leading, ticks until shutdown or an error.
    private func lead(on connection: PostgresConnection) async throws {
        let acquired = try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey))", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard acquired else { return }
        leader.withLock { $0 = true }
        logger.info("scheduler elected leader", metadata: ["schedules": "\(schedules.count)"])
        defer { leader.withLock { $0 = false } }
        try await register(on: connection)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try await tick(on: connection)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.tickInterval) }
        }
        _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger).collect()
    }

    /// Records every schedule; a changed expression starts over from now.
    private func register(on connection: PostgresConnection) async throws {
        let now = try await databaseNow(connection)
        for schedule in schedules {
            let next = schedule.expression.next(after: now)
            _ = try await connection.query("""
                INSERT INTO lore.job_schedules (name, expression, kind, next_run_at)
                VALUES (\(schedule.name), \(schedule.expression.description), \(schedule.kind.rawValue), \(next))
                ON CONFLICT (name) DO UPDATE
                   SET next_run_at = CASE WHEN lore.job_schedules.expression = EXCLUDED.expression
                                          THEN lore.job_schedules.next_run_at ELSE EXCLUDED.next_run_at END,
                       expression = EXCLUDED.expression, kind = EXCLUDED.kind, updated_at = now()
                """, logger: logger).collect()
        }
    }

    /// Enqueues every due schedule once and moves it to its next slot after now.
    func tick(on connection: PostgresConnection) async throws {
        _ = try await connection.query("BEGIN", logger: logger).collect()
        do {
            let now = try await databaseNow(connection)
            let due = try await connection.query("""
                SELECT name, next_run_at FROM lore.job_schedules WHERE next_run_at <= now() ORDER BY next_run_at FOR UPDATE
                """, logger: logger).collect()
            for row in due {
                let (name, slot) = try row.decode((String, Date).self)
                guard let schedule = schedules.first(where: { $0.name == name }) else { continue }
                let request = try schedule.request("schedule:\(name):\(Int(slot.timeIntervalSince1970))")
                let id = try await connection.query(request.insertQuery, logger: logger).collect().first?.decode(UUID.self)
                let next = schedule.expression.next(after: max(now, slot))
                _ = try await connection.query("""
                    UPDATE lore.job_schedules SET last_run_at = next_run_at, next_run_at = \(next), last_job_id = \(id), updated_at = now()
                     WHERE name = \(name)
                    """, logger: logger).collect()
                logger.info("scheduled job enqueued", metadata: ["schedule": "\(name)", "lore.job": "\(id.map { $0.uuidString.lowercased() } ?? "already queued")",
                                                                 "next_run_at": "\(next)"])
            }
            _ = try await connection.query("COMMIT", logger: logger).collect()
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger).collect()
            throw error
        }
    }

    private func databaseNow(_ connection: PostgresConnection) async throws -> Date {
        try await connection.query("SELECT now()", logger: logger).collect().first?.decode(Date.self) ?? Date()
    }
}
