import Foundation
import Synchronization
import Testing
import LoreCore
import LoreDatabase
import LoreTestSupport
@testable import LoreJobs

/// Components cancelled at random moments of their connection's life must finish: with
/// PostgresNIO's own cancellation, one cancelled connection in ~20 (and one trio of schedulers
/// in ~13) never resumed, which hung the suite now and then (`SingleConnection`).
@Suite struct CancellationHangTests {
    final class Flag: Sendable {
        let value = Mutex(false)
    }

    /// Waits for `task` up to `seconds`; false if it did not finish (the task is left behind).
    static func finishes(_ task: Task<Void, Never>, within seconds: Double) async -> Bool {
        let flag = Flag()
        Task { await task.value; flag.value.withLock { $0 = true } }
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if flag.value.withLock({ $0 }) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    @Test func cancelledSingleConnectionsFinish() async throws {
        try await withJobsDatabase { database in
            let configuration = try database.endpoint.connectionConfiguration(database.endpoint.service)
            var hung = 0
            for round in 0..<400 {
                let task = Task {
                    _ = try? await SingleConnection.with(configuration, logger: TestCluster.logger) { connection in
                        _ = try await connection.query("SELECT 1", logger: TestCluster.logger).collect()
                    }
                }
                try await Task.sleep(for: .microseconds(Int.random(in: 0...4000)))
                task.cancel()
                if !(await Self.finishes(task, within: 10)) { hung += 1; print("cancellation: connection round \(round) hung") }
            }
            print("cancellation: \(hung) of 400 cancelled connections hung")
            #expect(hung == 0)
        }
    }

    @Test func cancelledSchedulersFinish() async throws {
        try await withJobsDatabase { database in
            let schedule = try Schedule(name: "tick", cron: "@every 1s", RecordJob.self, payload: .init(value: 0))
            var hung = 0
            for round in 0..<150 {
                let schedulers = (0..<3).map { _ in
                    Scheduler(endpoint: database.endpoint, schedules: [schedule], tickInterval: .milliseconds(5),
                              leaderRetryInterval: .milliseconds(1), logger: TestCluster.logger)
                }
                let task = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for scheduler in schedulers { group.addTask { try? await scheduler.run() } }
                    }
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...60)))
                task.cancel()
                if !(await Self.finishes(task, within: 10)) { hung += 1; print("cancellation: scheduler round \(round) hung") }
            }
            print("cancellation: \(hung) of 150 cancelled scheduler trios hung")
            #expect(hung == 0)
        }
    }
}
