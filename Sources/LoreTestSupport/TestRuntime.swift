import Foundation
import LoreApp
import LoreBlobStore
import LoreCore
import LoreDatabase

/// A `LoreRuntime` over a test database with its own blob folder and settings.
public enum TestRuntime {
    /// Over the shared test database (tests isolate themselves by organisation).
    public static func make(maxUploadBytes: Int64 = 8 << 20, adminToken: String = "test-admin-token-0123456789abcdef0123") async throws -> LoreRuntime {
        try make(database: try await TestDatabase.shared.database(), maxUploadBytes: maxUploadBytes, adminToken: adminToken)
    }

    /// Over a database of its own, for tests that run workers (which would otherwise pick up
    /// other tests' jobs). The connection pools run until `body` returns.
    /// - Parameter engines: the media engines (default: the installed ones, as `lore` has them).
    /// - Parameter environment: the variables the runtime reads its optional providers from
    ///   (default: the process's).
    public static func withOwnDatabase<T: Sendable>(maxUploadBytes: Int64 = 64 << 20, adminToken: String = "test-admin-token-0123456789abcdef0123",
                                                    engines: MediaEngines? = nil, environment: [String: String]? = nil,
                                                    _ body: @Sendable (LoreRuntime) async throws -> T) async throws -> T {
        let endpoint = try await TestCluster.shared.makeDatabase()
        let database = Database(endpoint: endpoint, poolSize: 12, logger: TestCluster.logger)
        let runtime = try make(database: database, maxUploadBytes: maxUploadBytes, adminToken: adminToken, engines: engines,
                               environment: environment ?? ProcessInfo.processInfo.environment)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await database.run(); return nil }
            defer { group.cancelAll() }
            return try await body(runtime)
        }
    }

    static func make(database: Database, maxUploadBytes: Int64, adminToken: String, engines: MediaEngines? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoreRuntime {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-runtime-\(UUID().uuidString.prefix(8))")
        var config = LoreConfiguration(dataDirectory: dir.path, adminToken: adminToken, maxUploadBytes: maxUploadBytes)
        config.logLevel = "warning"
        let blobs = try FileSystemBlobStore(root: dir.appendingPathComponent("blobs"))
        return try LoreRuntime(configuration: config, database: database, session: nil, blobs: blobs, engines: engines,
                               environment: environment, logger: TestCluster.logger)
    }
}
