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
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("lore-grandchild-\(UUID().uuidString)").path
        await #expect(throws: LoreError.self) {
            // The grandchild would create the marker after 2 s unless the group is killed.
            _ = try await ProcessRunner.run(
                "sh", ["-c", "(sleep 2; touch \(marker)) & sleep 30"],
                limits: ProcessLimits(wallClock: .milliseconds(300)))
        }
        try await Task.sleep(for: .seconds(2.5))
        #expect(!FileManager.default.fileExists(atPath: marker))
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
