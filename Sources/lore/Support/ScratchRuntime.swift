import Foundation
import LoreApp
import LoreCore

/// A runtime on its own data directory (a fresh embedded PostgreSQL), for benchmarks.
enum ScratchRuntime {
    /// Opens a runtime in `dataDirectory`, or in a new temporary folder removed afterwards.
    static func with<T: Sendable>(_ dataDirectory: String?, logLevel: String = "warning",
                                  _ body: @escaping @Sendable (LoreRuntime) async throws -> T) async throws -> T {
        var config = try LoreConfiguration.fromEnvironment()
        config.databaseURL = nil
        config.logLevel = logLevel
        let scratch = dataDirectory == nil
        config.dataDirectory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("lore-bench-\(UUID().uuidString.prefix(8).lowercased())").path
        let logger = LoggingSetup.bootstrap(config)
        defer { if scratch { try? FileManager.default.removeItem(atPath: config.absoluteDataDirectory) } }
        return try await LoreRuntime.run(config, logger: logger, body)
    }
}
