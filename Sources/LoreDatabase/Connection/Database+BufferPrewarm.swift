import Foundation
import LoreCore
import PostgresNIO

extension Database {
    /// Waits while PostgreSQL's autoprewarm reloads the blocks that were cached when the server
    /// last stopped (the embedded server preloads `pg_prewarm`), so a measurement starts on the
    /// cache a running server has rather than on one still filling in the background. Returns
    /// the seconds waited.
    public func awaitBufferPrewarm(settle: Duration = .seconds(1), timeout: Duration = .seconds(120)) async throws -> Double {
        try await Self.awaitBufferPrewarm(settle: settle, timeout: timeout) {
            // One transaction per look: pg_stat_activity is a snapshot taken once per transaction.
            try await withService { tx in try await tx.query(Self.prewarmLoaders).decode(Int64.self).reduce(0, +) }
        }
    }

    static let prewarmLoaders: PostgresQuery = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autoprewarm worker'"

    /// The loader is a background worker that connects to each database in turn; the leader
    /// that starts it reads and sorts the block list first. Nothing reports completion to an
    /// unprivileged role, so the wait ends once no loader has been seen for `settle` (longer
    /// than the leader's reading) or at `timeout`.
    static func awaitBufferPrewarm(settle: Duration, timeout: Duration, loaders: () async throws -> Int64) async throws -> Double {
        let started = ContinuousClock.now
        var quietSince = started
        while ContinuousClock.now - quietSince < settle, ContinuousClock.now - started < timeout {
            if try await loaders() > 0 { quietSince = ContinuousClock.now }
            try await Task.sleep(for: .milliseconds(100))
        }
        return max(0, (ContinuousClock.now - started).seconds - settle.seconds)
    }
}
