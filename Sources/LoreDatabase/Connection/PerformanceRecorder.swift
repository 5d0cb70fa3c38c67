import Foundation
import Logging
import LoreCore
import ServiceLifecycle
import Synchronization

/// Latency and cost per operation and organisation (`performance_metrics`), written in batches
/// off the request path: `record` only appends to a buffer; the service flushes it every second.
public final class PerformanceRecorder: Service, Sendable {
    struct Entry: Sendable {
        let org: OrgID
        let operation: String
        let durationMs: Double
        let succeeded: Bool
        let units: Int64?
        let costUSD: Double?
        let at: Date
    }

    /// An entry as a row of the batch's JSON (`jsonb_to_recordset`; absent keys are NULL).
    private struct Row: Encodable {
        let org_id: UUID
        let at: Double
        let operation: String
        let duration_ms: Double
        let succeeded: Bool
        let units: Int64?
        let cost_usd: Double?

        init(_ entry: Entry) {
            (org_id, at, operation, duration_ms) = (entry.org.uuid, entry.at.timeIntervalSince1970, entry.operation, entry.durationMs)
            (succeeded, units, cost_usd) = (entry.succeeded, entry.units, entry.costUSD)
        }
    }

    static let rowsPerStatement = 5_000

    private let buffer = Mutex<[Entry]>([])
    private let database: Database
    private let interval: Duration
    /// Beyond this many unflushed entries new ones are dropped (the database is down or slow).
    private let capacity = 50_000

    public init(database: Database, interval: Duration = .seconds(1)) {
        self.database = database
        self.interval = interval
    }

    public func record(org: OrgID, operation: String, durationMs: Double, succeeded: Bool = true, units: Int64? = nil, costUSD: Double? = nil) {
        buffer.withLock { entries in
            guard entries.count < capacity else { return }
            entries.append(Entry(org: org, operation: operation, durationMs: durationMs, succeeded: succeeded, units: units, costUSD: costUSD, at: Date()))
        }
    }

    public func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            try? await Task.sleep(for: interval)
            if Task.isCancelledOrShuttingDown { break }
            await flush()
        }
        // What the last interval recorded, even when the recorder is stopped by cancellation.
        await Uncancelled.run { await self.flush() }
    }

    /// Writes everything buffered so far.
    public func flush() async {
        let entries = buffer.withLock { entries in defer { entries.removeAll() }; return entries }
        guard !entries.isEmpty else { return }
        do {
            try await database.withService { tx in
                for month in Set(entries.map { PartitionCache.monthStart($0.at) }) {
                    try await tx.ensurePartition(.performanceMetrics, for: month)
                }
                // One statement per batch: a statement per entry cost every search a round trip
                // and an INSERT's planning on the server.
                for start in stride(from: 0, to: entries.count, by: Self.rowsPerStatement) {
                    let rows = entries[start..<min(entries.count, start + Self.rowsPerStatement)].map(Row.init)
                    let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
                    try await tx.query("""
                        INSERT INTO lore.performance_metrics (org_id, id, created_at, operation, duration_ms, succeeded, units, cost_usd)
                        SELECT e.org_id, gen_random_uuid(), to_timestamp(e.at), e.operation, e.duration_ms, e.succeeded, e.units, e.cost_usd
                          FROM jsonb_to_recordset(\(json)::jsonb)
                            AS e(org_id uuid, at float8, operation text, duration_ms float8, succeeded bool, units int8, cost_usd float8)
                        """)
                }
            }
        } catch {
            database.logger.warning("could not store performance metrics", metadata: ["error": "\(error)", "count": "\(entries.count)"])
        }
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
