import Foundation
import LoreCore
import LoreTestSupport
import Testing
@testable import LoreDatabase

/// Latency rows recorded just before the recorder stops are written, however it stops; a flush
/// writes every buffered entry, with its values and its organisation.
@Suite struct PerformanceRecorderTests {
    @Test func aFlushWritesEveryEntryToItsOrganisation() async throws {
        let database = try await TestDatabase.shared.database()
        let (first, second) = (try await database.makeOrg(), try await database.makeOrg())
        let recorder = PerformanceRecorder(database: database, interval: .seconds(3_600))
        recorder.record(org: first.id, operation: "test.flush", durationMs: 2.25, units: 10)
        recorder.record(org: second.id, operation: "test.flush", durationMs: 0, succeeded: false, costUSD: 0.0125)
        recorder.record(org: first.id, operation: "test.flush.other", durationMs: 7)
        await recorder.flush()
        typealias Row = (String, Double, Bool, Int64?, Double?)
        func rows(_ org: OrgID) async throws -> [String] {
            try await database.withOrg(org) { tx in
                try await tx.query("""
                    SELECT operation, duration_ms, succeeded, units, cost_usd::float8 FROM performance_metrics
                     WHERE operation LIKE 'test.flush%' AND created_at > now() - interval '1 hour' ORDER BY operation
                    """).collect().map { row in
                        let (operation, ms, succeeded, units, cost) = try row.decode(Row.self)
                        return "\(operation) \(ms) \(succeeded) \(units.map(String.init) ?? "-") \(cost.map { String($0) } ?? "-")"
                    }
            }
        }
        #expect(try await rows(first.id) == ["test.flush 2.25 true 10 -", "test.flush.other 7.0 true - -"])
        #expect(try await rows(second.id) == ["test.flush 0.0 false - 0.0125"])
        // Nothing is written twice.
        await recorder.flush()
        #expect(try await rows(first.id).count == 2)
    }

    @Test func aCancelledRecorderStillWritesWhatItBuffered() async throws {
        let database = try await TestDatabase.shared.database()
        let org = try await database.makeOrg()
        // An interval long enough that only the last flush can write the row.
        let recorder = PerformanceRecorder(database: database, interval: .seconds(3_600))
        let running = Task { try await recorder.run() }
        recorder.record(org: org.id, operation: "test.cancelled-recorder", durationMs: 1.5)
        try await Task.sleep(for: .milliseconds(100))
        running.cancel()
        try await running.value
        let rows = try await database.withOrg(org.id) { tx in
            try await tx.query("SELECT duration_ms FROM performance_metrics WHERE operation = 'test.cancelled-recorder'").collect()
                .map { try $0.decode(Double.self) }
        }
        #expect(rows == [1.5])
    }
}
