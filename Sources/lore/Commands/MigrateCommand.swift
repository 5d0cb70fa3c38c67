import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase

/// `lore migrate [--status]`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations, or list them with --status.",
        discussion: "Migrations also run automatically when any command opens the database; concurrent starters wait for each other.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "List migrations and whether each is applied, pending or changed.") var status = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reportingLoreErrors {
            let config = try global.configuration()
            let logger = LoggingSetup.bootstrap(config, defaultLevel: global.logLevel == nil ? .warning : nil)
            let wantStatus = status
            let rows = try await LoreRuntime.withEndpoint(config, logger: logger) { endpoint -> [Migrator.Status] in
                let migrator = Migrator(endpoint: endpoint, logger: logger)
                if !wantStatus { _ = try await migrator.migrate() }
                return try await migrator.status()
            }
            if json {
                print(try jsonText(rows))
                return
            }
            let formatter = ISO8601DateFormatter()
            print(TextTable.render([["version", "name", "state", "applied at", "checksum"]] + rows.map {
                [String($0.version), $0.name, $0.state, $0.appliedAt.map(formatter.string) ?? "-", String($0.checksum.prefix(12))]
            }))
            if rows.contains(where: { $0.state == "changed" }) { throw ExitCode(70) }
        }
    }
}
