import Foundation
import LoreCore
import LoreTestSupport
import Testing
@testable import LoreDatabase

/// Latency rows recorded just before the recorder stops are written, however it stops.
@Suite struct PerformanceRecorderTests {
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
