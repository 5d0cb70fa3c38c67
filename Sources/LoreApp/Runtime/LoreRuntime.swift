import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import LoreBlobStore
import LoreCore
import LoreDatabase
import LoreJobs
import LoreProviders
import LoreSearch
import LoreSystem

/// Everything one Lore process needs, opened once at the edge: the database (embedded or
/// external; bootstrapped and migrated), the blob store and the use-case services.
public final class LoreRuntime: Sendable {
    public let configuration: LoreConfiguration
    public let database: Database
    public let session: EmbeddedSession?
    public let blobs: FileSystemBlobStore
    public let authenticator: Authenticator
    public let organizations: OrganizationService
    public let apiKeys: APIKeyService
    public let users: UserService
    public let media: MediaService
    /// Every job kind this build runs (workers dispatch by it, the queue validates against it).
    public let jobRegistry: JobRegistry
    /// Enqueues jobs outside a caller's transaction.
    public let jobQueue: JobQueue
    /// Listing, inspection, replay, cancellation and statistics of jobs.
    public let jobs: JobsService
    /// Latency and cost per operation and organisation, written in the background.
    public let performance: PerformanceRecorder
    public let embeddings: EmbeddingModels
    /// Local speech, vision and OCR engines (loaded on first use).
    public let engines: MediaEngines
    public let search: SearchService
    /// Short-lived read-only tokens for one media item (browser players and thumbnails).
    public let mediaTokens: MediaAccessTokens
    public let logger: Logger

    /// Wires services over an open database (tests use this with their shared test database).
    /// - Parameter environment: where the embedding models (`EmbeddingModels.fromEnvironment`) and
    ///   the optional re-ranking provider (`RemoteRerankSettings`) are configured.
    public init(configuration: LoreConfiguration, database: Database, session: EmbeddedSession?, blobs: FileSystemBlobStore,
                embeddings: EmbeddingModels? = nil, engines: MediaEngines? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) throws {
        self.configuration = configuration
        self.database = database
        self.session = session
        self.blobs = blobs
        self.logger = logger
        self.authenticator = Authenticator(database: database)
        self.organizations = OrganizationService(database: database, quotas: configuration.quotas)
        self.apiKeys = APIKeyService(database: database, authenticator: authenticator)
        self.users = UserService(database: database)
        self.media = MediaService(database: database, blobs: blobs, organizations: organizations,
                                  maxUploadBytes: configuration.maxUploadBytes, logger: logger)
        let performance = PerformanceRecorder(database: database)
        self.performance = performance
        let embeddings = try embeddings ?? EmbeddingModels.fromEnvironment(environment, recorder: performance, logger: logger)
        self.embeddings = embeddings
        let engines = try engines ?? MediaEngines.installed(recorder: performance, logger: logger)
        self.engines = engines
        self.jobRegistry = Self.jobKinds(pipeline: PipelineDependencies(database: database, blobs: blobs, embeddings: embeddings, engines: engines,
                                                                       keepsImageLocation: configuration.keepsImageLocation, logger: logger))
        self.jobQueue = JobQueue(database: database, registry: jobRegistry)
        self.jobs = JobsService(database: database)
        self.search = SearchService(database: database, embedders: embeddings.all,
                                    reranker: try RemoteRerankSettings.fromEnvironment(environment)?.reranker(),
                                    cursorSecret: try Self.secret(named: "search-cursor-secret", in: configuration),
                                    recorder: performance, logger: logger)
        self.mediaTokens = MediaAccessTokens(secret: try Self.secret(named: "media-token-secret", in: configuration), database: database)
    }

    /// Services every long-running process runs beside its main work.
    public var backgroundServices: [any Service] { [performance] }

    /// A random secret kept in the data directory (mode 0600), made on first use.
    static func secret(named name: String, in configuration: LoreConfiguration) throws -> [UInt8] {
        let directory = configuration.absoluteDataDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        if let existing = FileManager.default.contents(atPath: path), existing.count == 32 { return Array(existing) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        return bytes
    }

    /// The job kinds of this build. Add a use case's handlers here.
    static func jobKinds(pipeline: PipelineDependencies) -> JobRegistry {
        var registry = JobRegistry.maintenance()
        registry.register(IngestMediaJob())
        registry.register(TranscriptStageJob(dependencies: pipeline))
        registry.register(FramesStageJob(dependencies: pipeline))
        registry.register(ImageStageJob(dependencies: pipeline))
        registry.register(DocumentStageJob(dependencies: pipeline))
        registry.register(SearchIndexMaintenanceJob())
        return registry
    }

    /// The scheduler's timetable.
    public var schedules: [Schedule] {
        // The payload is a constant (checked by the tests).
        Schedule.maintenance() + [try! Schedule(name: "search-indexes", cron: "*/5 * * * *", SearchIndexMaintenanceJob.self, payload: .init())]
    }

    /// Starts (or joins) the embedded PostgreSQL unless an external one is configured, then
    /// bootstraps roles and applies pending migrations.
    public static func open(_ configuration: LoreConfiguration, logger: Logger) async throws -> LoreRuntime {
        let (endpoint, session) = try await openEndpoint(configuration, logger: logger)
        do {
            try await Migrator(endpoint: endpoint, logger: logger).migrate()
            let blobs = try FileSystemBlobStore(root: URL(fileURLWithPath: configuration.absoluteDataDirectory).appendingPathComponent("blobs", isDirectory: true))
            let database = Database(endpoint: endpoint, poolSize: configuration.databasePoolSize, logger: logger)
            return try LoreRuntime(configuration: configuration, database: database, session: session, blobs: blobs, logger: logger)
        } catch {
            try? await session?.end()
            throw error
        }
    }

    /// Runs `body` with a bootstrapped (not necessarily migrated) database endpoint, e.g. for
    /// `lore migrate --status`; the embedded server is released afterwards.
    public static func withEndpoint<T: Sendable>(_ configuration: LoreConfiguration, logger: Logger,
                                                 _ body: (DatabaseEndpoint) async throws -> T) async throws -> T {
        let (endpoint, session) = try await openEndpoint(configuration, logger: logger)
        do {
            let result = try await body(endpoint)
            try await session?.end()
            return result
        } catch {
            try? await session?.end()
            throw error
        }
    }

    private static func openEndpoint(_ configuration: LoreConfiguration, logger: Logger) async throws -> (DatabaseEndpoint, EmbeddedSession?) {
        let dataDirectory = configuration.absoluteDataDirectory
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        if let url = configuration.databaseURL {
            let endpoint = try DatabaseEndpoint.external(url: url, appURL: configuration.appDatabaseURL)
            try await DatabaseBootstrap.run(endpoint, logger: logger)
            return (endpoint, nil)
        }
        let session = try await EmbeddedSession.begin(dataDirectory: dataDirectory, systemUser: configuration.postgresSystemUser,
                                                         sharedBuffersMB: configuration.databaseSharedBuffersMB, logger: logger)
        do {
            let endpoint = DatabaseEndpoint.embedded(socketDirectory: try await session.embedded.layout().socketDirectory.path)
            try await DatabaseBootstrap.run(endpoint, logger: logger)
            return (endpoint, session)
        } catch {
            try? await session.end()
            throw error
        }
    }

    /// Releases the embedded server (stopping it if this was its last user).
    public func close() async {
        do {
            try await session?.end()
        } catch {
            logger.warning("could not stop the embedded database", metadata: ["error": "\(error)"])
        }
    }

    /// Opens a runtime and runs `body` in it with the connection pools running, then closes
    /// everything (one-shot commands).
    ///
    /// SIGINT (Ctrl-C) and SIGTERM are trapped from before the runtime opens. One that arrives
    /// releases the embedded database as soon as the runtime is open (stopping it if this was its
    /// last user: its fast shutdown rolls back what `body` had not committed) and throws
    /// `Interrupted`, without waiting for `body`, which may be in the middle of minutes of
    /// transcription; the process is expected to end right after.
    public static func run<T: Sendable>(_ configuration: LoreConfiguration, logger: Logger,
                                        _ body: @escaping @Sendable (LoreRuntime) async throws -> T) async throws -> T {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        defer { InterruptSignals.restoreDefaults() }
        return try await open(configuration, logger: logger).run(body, until: signals)
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (LoreRuntime) async throws -> T, until signals: UnixSignalsSequence) async throws -> T {
        let (outcomes, finish) = AsyncStream<RunOutcome<T>>.makeStream()
        let work = Task {
            do {
                let value = try await withThrowingTaskGroup(of: T?.self) { group in
                    group.addTask { try await self.database.run(); return nil }
                    let value = try await body(self)
                    group.cancelAll()
                    return value
                }
                finish.yield(.finished(.success(value)))
            } catch {
                finish.yield(.finished(.failure(error)))
            }
        }
        let watcher = Task {
            for await signal in signals {
                finish.yield(.signalled(signal))
                return
            }
        }
        var next = outcomes.makeAsyncIterator()
        let first = await next.next()
        watcher.cancel()
        // Told to stop, the work is cancelled before the database goes (fewer retries in between).
        if case .signalled = first { work.cancel() }
        await close()
        switch first {
        case let .finished(result):
            return try result.get()
        case let .signalled(signal):
            throw Interrupted(signal: signal)
        case nil:
            throw CancellationError()
        }
    }

    /// The system administrator token: configured, or generated once and kept in the data
    /// directory (mode 0600).
    public func adminToken() throws -> String {
        if let token = configuration.adminToken { return token }
        let path = URL(fileURLWithPath: configuration.absoluteDataDirectory).appendingPathComponent("admin-token").path
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), existing.count >= 32 {
            return existing
        }
        let token = "lore_admin_" + APIKeyFormat.generate().key.suffix(40)
        // A token that cannot be kept would change on every start and lock the operator out.
        guard FileManager.default.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw LoreError(.configuration, "cannot write the admin token to \(path): set LORE_ADMIN_TOKEN or make the data directory writable")
        }
        return token
    }
}
