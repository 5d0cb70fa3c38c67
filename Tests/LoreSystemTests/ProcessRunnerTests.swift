import Foundation
import Testing
import LoreCore
@testable import LoreSystem

@Suite struct ProcessRunnerTests {
    @Test func collectsOutputAndExitCode() async throws {
        let ok = try await ProcessRunner.run("sh", ["-c", "printf hello; printf oops >&2; exit 3"])
        #expect(ok.standardOutputText == "hello")
        #expect(ok.standardError == "oops")
        #expect(ok.exitCode == 3)
        #expect(!ok.succeeded)
    }

    @Test func passesStandardInput() async throws {
        let out = try await ProcessRunner.run("cat", [], input: Array("piped".utf8))
        #expect(out.standardOutputText == "piped")
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("lore-grandchild-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        await #expect(throws: LoreError.self) {
            // The shell's background child (a grandchild of ours) outlives it unless the group is killed.
            _ = try await ProcessRunner.run(
                "sh", ["-c", "sleep 600 & echo $! > \(pidFile); wait"],
                limits: ProcessLimits(wallClock: .seconds(2)))
        }
        let pid = try #require(pid_t(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Once killed, init reaps it; wait for that rather than for a fixed time.
        var alive = true
        for _ in 0..<200 where alive {
            alive = kill(pid, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(!alive, "grandchild \(pid) survived the timeout")
    }

    @Test func outputLimitIsEnforced() async throws {
        await #expect(throws: LoreError.self) {
            _ = try await ProcessRunner.run(
                "head", ["-c", "100000", "/dev/zero"], limits: ProcessLimits(maxOutputBytes: 1000))
        }
    }

    @Test func memoryLimitStopsAGreedyProgram() async throws {
        // 64 MiB of address space is not enough for python to allocate 512 MiB.
        let out = try await ProcessRunner.run(
            "python3", ["-c", "x = bytearray(512 * 1024 * 1024)"],
            limits: ProcessLimits(addressSpaceBytes: 64 << 20))
        #expect(!out.succeeded)
    }

    @Test func missingProgramIsATypedError() async throws {
        await #expect(throws: LoreError.self) {
            _ = try await ProcessRunner.run("definitely-not-a-program-lore", [])
        }
    }
}
