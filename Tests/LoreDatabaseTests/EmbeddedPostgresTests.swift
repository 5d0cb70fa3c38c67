import Foundation
import Testing
import LoreCore
import LoreSystem
import LoreTestSupport
@testable import LoreDatabase

@Suite(.serialized) struct EmbeddedPostgresTests {
    @Test func startsStopsAndRestartsAfterKill9() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-embedded-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let embedded = EmbeddedPostgres(dataDirectory: dir, sharedBuffersMB: 192, logger: TestCluster.logger)
        let initial = try await embedded.status()
        #expect(initial == .notInitialised)

        #expect(try await embedded.start())
        #expect(try await embedded.start() == false, "a second start finds it running")
        guard case .running(let pid) = try await embedded.status() else {
            Issue.record("not running after start"); return
        }
        let layout = try await embedded.layout()
        if SystemAccount.isRoot {
            // PostgreSQL refuses root: the server runs as the unprivileged account.
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") } ?? ""
            #expect(!uidLine.contains("\t0\t"))
            #expect(layout.runAs != nil)
        }
        // The buffer cache asked for is the one the server runs with.
        let settings = try String(contentsOf: layout.clusterDirectory.appendingPathComponent("lore.conf"), encoding: .utf8)
        #expect(settings.contains("shared_buffers = 192MB"))
        // Unix socket only, no TCP listener.
        #expect(FileManager.default.fileExists(atPath: layout.socketPath))
        let endpoint = DatabaseEndpoint.embedded(socketDirectory: layout.socketDirectory.path, database: "postgres")
        let superuser = endpoint.superuser!
        let listen = try await SingleConnection.with(try endpoint.connectionConfiguration(superuser), logger: TestCluster.logger) { conn in
            try await conn.query("SELECT current_setting('listen_addresses')", logger: TestCluster.logger).collect().first?.decode(String.self)
        }
        #expect(listen == "")

        // kill -9 leaves a stale postmaster.pid behind; start must recover.
        kill(pid, SIGKILL)
        try await Task.sleep(for: .milliseconds(300))
        #expect(FileManager.default.fileExists(atPath: layout.clusterDirectory.appendingPathComponent("postmaster.pid").path))
        #expect(try await embedded.status() == .stopped)
        #expect(try await embedded.start())
        guard case .running = try await embedded.status() else {
            Issue.record("not running after restart"); return
        }
        try await embedded.stop()
        #expect(try await embedded.status() == .stopped)
    }

    @Test func bufferCacheIsAQuarterOfMemoryWithinBounds() throws {
        let gib: UInt64 = 1 << 30
        #expect(EmbeddedPostgres.defaultSharedBuffersMB(physicalMemory: 24 * gib) == 6_144)
        #expect(EmbeddedPostgres.defaultSharedBuffersMB(physicalMemory: gib / 4) == 128)
        #expect(EmbeddedPostgres.defaultSharedBuffersMB(physicalMemory: 256 * gib) == 8_192)
        #expect(try LoreConfiguration.fromEnvironment([:]).databaseSharedBuffersMB == nil)
        #expect(try LoreConfiguration.fromEnvironment(["LORE_DB_SHARED_BUFFERS_MB": "512"]).databaseSharedBuffersMB == 512)
        for bad in ["8", "lots", "-1"] {
            #expect(throws: LoreError.self) { try LoreConfiguration.fromEnvironment(["LORE_DB_SHARED_BUFFERS_MB": bad]) }
        }
    }
}
