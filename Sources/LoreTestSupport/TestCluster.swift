import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreSystem

/// One embedded PostgreSQL per test process, in a fresh temporary folder, stopped and removed by
/// a watchdog when the process exits (however it exits). Tests get their own databases in it
/// (`makeDatabase`) or share the migrated default one (`TestDatabase.shared`) and isolate
/// themselves with fresh organisations.
public actor TestCluster {
    public static let shared = TestCluster()

    public struct Running: Sendable {
        public let dataDirectory: String
        public let embedded: EmbeddedPostgres
        public let socketDirectory: String
    }

    private var running: Task<Running, any Error>?
    public static let logger: Logger = {
        var logger = Logger(label: "lore.test")
        logger.logLevel = ProcessInfo.processInfo.environment["LORE_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    public func start() async throws -> Running {
        if let running { return try await running.value }
        let task = Task { try await Self.launch() }
        running = task
        return try await task.value
    }

    /// `body` with a `Database` on `endpoint` whose pools run until it returns.
    public static func withDatabase<T: Sendable>(_ endpoint: DatabaseEndpoint, poolSize: Int = 2,
                                                 _ body: (Database) async throws -> T) async throws -> T {
        let database = Database(endpoint: endpoint, poolSize: poolSize, logger: logger)
        let pools = Task { try await database.run() }
        defer { pools.cancel() }
        return try await body(database)
    }

    /// `body` with a `Database` on a new migrated database of its own (see `withDatabase`).
    public static func withNewDatabase<T: Sendable>(poolSize: Int = 2, _ body: (Database) async throws -> T) async throws -> T {
        try await withDatabase(try await shared.makeDatabase(), poolSize: poolSize, body)
    }

    /// An endpoint for a database of its own, bootstrapped and (unless `migrate` is false) migrated.
    public func makeDatabase(named name: String = "lore_test_\(UUID().uuidString.prefix(8).lowercased())", migrate: Bool = true) async throws -> DatabaseEndpoint {
        let cluster = try await start()
        let endpoint = DatabaseEndpoint.embedded(socketDirectory: cluster.socketDirectory, database: name)
        try await DatabaseBootstrap.run(endpoint, logger: Self.logger)
        if migrate { try await Migrator(endpoint: endpoint, logger: Self.logger).migrate() }
        return endpoint
    }

    private static func launch() async throws -> Running {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-test-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o755)
        let embedded = EmbeddedPostgres(dataDirectory: dir, sharedBuffersMB: 128, logger: logger)
        try await embedded.start()
        let layout = try await embedded.layout()
        startWatchdog(dataDirectory: dir, cluster: layout.clusterDirectory.path)
        reportLongWaits()
        return Running(dataDirectory: dir, embedded: embedded, socketDirectory: layout.socketDirectory.path)
    }

    /// Prints, once each, the waits (transactions, external programs, job attempts) that have lasted 90 s —
    /// far longer than any test needs — so that a run that stops making progress says where.
    private static func reportLongWaits() {
        Task.detached {
            var reported = Set<Int>()
            while true {
                try? await Task.sleep(for: .seconds(15))
                for wait in InFlightWaits.longerThan(.seconds(90)) where reported.insert(wait.id).inserted {
                    FileHandle.standardError.write(Data("lore-test: still waiting: \(wait.description)\n".utf8))
                }
            }
        }
    }

    /// Stops the server (SIGINT: fast shutdown) and removes the folder once this process is gone.
    private static func startWatchdog(dataDirectory: String, cluster: String) {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            pid=$(head -n 1 '\(cluster)/postmaster.pid' 2>/dev/null)
            if [ -n "$pid" ]; then kill -INT "$pid" 2>/dev/null; for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; fi
            rm -rf '\(dataDirectory)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
