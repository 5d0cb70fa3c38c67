import ArgumentParser
import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase

#if canImport(Glibc)
import Glibc
#endif

/// `lore db start|stop|status|psql`: the embedded PostgreSQL.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage Lore's embedded PostgreSQL.",
        subcommands: [Start.self, Stop.self, Status.self, PSQL.self])

    static func requireEmbedded(_ config: LoreConfiguration) throws {
        if config.databaseURL != nil {
            throw LoreError(.configuration, "LORE_DATABASE_URL is set: Lore does not manage that server")
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the server (initialised and migrated on first use) and keep it running.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingLoreErrors {
                try DBCommand.requireEmbedded(try global.configuration())
                let socket = try await global.withRuntime(defaultLogLevel: .notice) { runtime in
                    try runtime.session?.pin()
                    return try await runtime.session?.embedded.layout().socketDirectory.path ?? ""
                }
                print("PostgreSQL is running (unix socket in \(socket)); `lore db stop` stops it.")
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the server now.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingLoreErrors {
                let config = try global.configuration()
                try DBCommand.requireEmbedded(config)
                let logger = LoggingSetup.bootstrap(config, defaultLevel: .warning)
                let embedded = EmbeddedPostgres(dataDirectory: config.absoluteDataDirectory, systemUser: config.postgresSystemUser, logger: logger)
                guard case .running = try await embedded.status() else {
                    print("PostgreSQL is not running.")
                    return
                }
                let session = EmbeddedSession.attach(embedded: embedded, dataDirectory: config.absoluteDataDirectory)
                try await session.stopNow()
                print("PostgreSQL stopped.")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the server runs.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        struct Report: Encodable {
            let state: String
            let pid: Int32?
            let dataDirectory: String
            let socketDirectory: String?
            enum CodingKeys: String, CodingKey {
                case state, pid
                case dataDirectory = "data_directory"
                case socketDirectory = "socket_directory"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let config = try global.configuration()
                try DBCommand.requireEmbedded(config)
                let logger = LoggingSetup.bootstrap(config, defaultLevel: .warning)
                let embedded = EmbeddedPostgres(dataDirectory: config.absoluteDataDirectory, systemUser: config.postgresSystemUser, logger: logger)
                let status = try await embedded.status()
                let layout = try? await embedded.layout()
                let report: Report
                switch status {
                case .running(let pid):
                    report = Report(state: "running", pid: pid, dataDirectory: config.absoluteDataDirectory, socketDirectory: layout?.socketDirectory.path)
                case .stopped:
                    report = Report(state: "stopped", pid: nil, dataDirectory: config.absoluteDataDirectory, socketDirectory: nil)
                case .notInitialised:
                    report = Report(state: "not initialised", pid: nil, dataDirectory: config.absoluteDataDirectory, socketDirectory: nil)
                }
                if json {
                    print(try jsonText(report))
                } else {
                    print("PostgreSQL: \(report.state)" + (report.pid.map { " (pid \($0))" } ?? "") + " — data in \(report.dataDirectory)")
                }
                if case .running = status {} else { throw ExitCode(3) }
            }
        }
    }

    struct PSQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "psql",
            abstract: "Open psql on Lore's database (as the owner role; --as app|service|superuser to choose).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("as"), help: "Role to connect as: owner, app, service or superuser.")
        var role: String = "owner"
        @Argument(parsing: .captureForPassthrough, help: "Extra arguments for psql, e.g. -c 'select 1'.")
        var arguments: [String] = []

        func run() async throws {
            try await reportingLoreErrors {
                let config = try global.configuration()
                try DBCommand.requireEmbedded(config)
                let users = ["owner": DatabaseRoles.owner, "app": DatabaseRoles.app, "service": DatabaseRoles.service, "superuser": EmbeddedPostgres.superuser]
                guard let user = users[role] else { throw LoreError(.invalidArgument, "--as must be owner, app, service or superuser") }
                // Make sure the server runs (and stays running for the interactive session).
                let socket = try await global.withRuntime { runtime in
                    try runtime.session?.pin()
                    return try await runtime.session?.embedded.layout().socketDirectory.path ?? ""
                }
                let layout = try await EmbeddedPostgres(dataDirectory: config.absoluteDataDirectory, systemUser: config.postgresSystemUser,
                                                         logger: Logger(label: "lore")).layout()
                let psql = layout.installDirectory.appendingPathComponent("bin/psql").path
                let extra = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
                let args = [psql, "-h", socket, "-U", user, "-d", "lore"] + extra
                setenv("PGOPTIONS", "-c search_path=lore,public", 1)
                var cArgs = args.map { strdup($0) } + [nil]
                execv(psql, &cArgs)
                throw LoreError(.programMissing, "cannot run \(psql): \(String(cString: strerror(errno)))")
            }
        }
    }
}
