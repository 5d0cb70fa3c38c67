import Foundation
import LoreCore
import LoreDatabase

/// Deletes finished jobs after their retention period, in small batches so the table is never
/// locked for long: succeeded and cancelled jobs after `finishedRetention`, dead jobs (kept for
/// inspection and replay) after `deadRetention`.
public struct JobPruner: Sendable {
    let database: Database
    public var finishedRetention: Duration
    public var deadRetention: Duration

    public init(database: Database, finishedRetention: Duration = .seconds(7 * 86_400), deadRetention: Duration = .seconds(30 * 86_400)) {
        self.database = database
        self.finishedRetention = finishedRetention
        self.deadRetention = deadRetention
    }

    /// Deletes every expired job; returns how many.
    @discardableResult
    public func prune(batchSize: Int = 1000) async throws -> Int {
        var total = 0
        while true {
            let rows = try await database.serviceStatement("""
                WITH expired AS (
                    SELECT id FROM lore.jobs
                     WHERE (status IN ('succeeded', 'cancelled') AND finished_at < now() - \(finishedRetention.seconds) * interval '1 second')
                        OR (status = 'dead' AND finished_at < now() - \(deadRetention.seconds) * interval '1 second')
                     LIMIT \(batchSize)
                     FOR UPDATE SKIP LOCKED)
                DELETE FROM lore.jobs j USING expired WHERE j.id = expired.id
                RETURNING 1
                """)
            total += rows.count
            if rows.count < batchSize || Task.isCancelled { return total }
        }
    }
}
