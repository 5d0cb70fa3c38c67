import Foundation
import Testing
import LoreCore
import LoreSystem
import PostgresNIO
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

    @Test func aRestartReloadsTheBufferCacheOfTheLastRun() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-prewarm-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let embedded = EmbeddedPostgres(dataDirectory: dir, sharedBuffersMB: 128, logger: TestCluster.logger)
        try await embedded.start()
        let layout = try await embedded.layout()
        let endpoint = DatabaseEndpoint.embedded(socketDirectory: layout.socketDirectory.path, database: "postgres")
        let configuration = try endpoint.connectionConfiguration(endpoint.superuser!)
        let logger = TestCluster.logger
        let preloaded = try await SingleConnection.with(configuration, logger: logger) { conn in
            // About 6 MB, read once so it sits in the buffer cache when the server stops.
            try await conn.query("CREATE TABLE warm AS SELECT g, repeat('x', 200) AS padding FROM generate_series(1, 20000) g", logger: logger)
            try await conn.query("SELECT count(*) FROM warm", logger: logger)
            return try await conn.query("SHOW shared_preload_libraries", logger: logger).collect().first?.decode(String.self)
        }
        #expect(preloaded == "pg_prewarm")
        try await embedded.stop()
        #expect(FileManager.default.fileExists(atPath: layout.clusterDirectory.appendingPathComponent("autoprewarm.blocks").path),
                "the list of cached blocks is written at shutdown")

        try await embedded.start()
        let plan = try await SingleConnection.with(configuration, logger: logger) { conn in
            _ = try await Database.awaitBufferPrewarm(settle: .seconds(1), timeout: .seconds(60)) {
                try await conn.query(Database.prewarmLoaders, logger: logger).decode(Int64.self).reduce(0, +)
            }
            let rows = try await conn.query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM warm", logger: logger).decode(String.self)
            return try await rows.reduce(into: [String]()) { $0.append($1) }.joined(separator: "\n")
        }
        // Every page of the table is found in the cache although nothing has read it since the start.
        #expect(plan.contains("shared hit="), "\(plan)")
        #expect(!plan.contains("read="), "\(plan)")
        try await embedded.stop()
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
