import ArgumentParser
import Foundation
import Logging
import LoreApp
import LoreCore

/// Options every command that touches the data directory accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (default: $LORE_DATA_DIR or ./.lore).")
    var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    /// Configuration from the environment with command-line overrides.
    func configuration() throws -> LoreConfiguration {
        var config = try LoreConfiguration.fromEnvironment()
        if let dataDirectory { config.dataDirectory = dataDirectory }
        if let logLevel { config.logLevel = logLevel }
        return config
    }

    /// Opens the runtime (starting or joining the embedded database) and runs `body` with the
    /// pools running; a command's own output goes to stdout, logs to stderr.
    func withRuntime<T: Sendable>(defaultLogLevel: Logger.Level = .warning, _ body: @escaping @Sendable (LoreRuntime) async throws -> T) async throws -> T {
        let config = try configuration()
        let logger = LoggingSetup.bootstrap(config, defaultLevel: logLevel == nil ? defaultLogLevel : nil)
        return try await LoreRuntime.run(config, logger: logger, body)
    }
}
