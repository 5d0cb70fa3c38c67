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
        // 20,000 no-op jobs per run, three runs: minutes of work, interrupted within seconds.
        let lore = try RunningLore(["bench", "jobs", "--data-dir", data.path])
        try await lore.wait(until: { FileManager.default.fileExists(atPath: pidFile) })
        #expect(FileManager.default.fileExists(atPath: pidFile), "\(lore.log.contents)")
        try await Task.sleep(for: .seconds(delay))
        #expect(lore.isRunning, "\(lore.log.contents)")

        let ended = try await lore.end(sending: SIGINT)
        let text = lore.log.contents
        #expect(ended?.reason == .exit && ended?.status == 130, "\(String(describing: ended)): \(text)")
        #expect(text.contains("lore: interrupted by SIGINT"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: pidFile), "the embedded PostgreSQL was left running: \(text)")
    }
}
