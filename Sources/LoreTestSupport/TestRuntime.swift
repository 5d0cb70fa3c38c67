import Foundation
import LoreApp
import LoreBlobStore
import LoreCore
import LoreDatabase

/// A `LoreRuntime` over the shared test database with its own blob folder and settings.
public enum TestRuntime {
    public static func make(maxUploadBytes: Int64 = 8 << 20, adminToken: String = "test-admin-token-0123456789abcdef0123") async throws -> LoreRuntime {
        let database = try await TestDatabase.shared.database()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-runtime-\(UUID().uuidString.prefix(8))")
        var config = LoreConfiguration(dataDirectory: dir.path, adminToken: adminToken, maxUploadBytes: maxUploadBytes)
        config.logLevel = "warning"
        let blobs = try FileSystemBlobStore(root: dir.appendingPathComponent("blobs"))
        return try LoreRuntime(configuration: config, database: database, session: nil, blobs: blobs, logger: TestCluster.logger)
    }
}
