import Foundation
import LoreSystem
import Testing

/// Ctrl-C (SIGINT) during a one-shot command: the command ends at once with status 130 and a
/// one-line message, and the embedded PostgreSQL it started is stopped rather than left running —
/// also when the signal arrives while that database is still starting (`delay` 0: as soon as its
/// `postmaster.pid` exists, before migrations) rather than while the command works (3 s later).
@Suite struct InterruptCLITests {
    @Test(arguments: [0, 3])
    func ctrlCEndsAOneShotCommandAndStopsItsDatabase(delay: Int) async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let data = dir.appendingPathComponent("bench")
        let pidFile = data.appendingPathComponent("postgres/postmaster.pid").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RemoteCLITests.binary())
        // 20,000 no-op jobs per run, three runs: minutes of work, interrupted within seconds.
        process.arguments = ["bench", "jobs", "--data-dir", data.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LORE_DB_SHARED_BUFFERS_MB"] = "128"
        environment["LORE_URL"] = nil
        environment["LORE_API_KEY"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        let log = ProcessLog()
        pipe.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        for _ in 0..<1_200 where process.isRunning && !FileManager.default.fileExists(atPath: pidFile) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(FileManager.default.fileExists(atPath: pidFile), "\(log.contents)")
        try await Task.sleep(for: .seconds(delay))
        #expect(process.isRunning, "\(log.contents)")

        kill(process.processIdentifier, SIGINT)
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        for _ in 0..<50 where !log.ended { try await Task.sleep(for: .milliseconds(100)) }
        pipe.fileHandleForReading.readabilityHandler = nil
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus): \(log.contents)")
        #expect(log.contents.contains("lore: interrupted by SIGINT"), "\(log.contents)")
        #expect(!FileManager.default.fileExists(atPath: pidFile), "the embedded PostgreSQL was left running: \(log.contents)")
    }
}
