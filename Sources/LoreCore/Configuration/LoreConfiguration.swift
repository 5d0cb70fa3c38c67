import Foundation

/// Everything Lore reads from its environment, parsed and validated once at the edge.
///
/// Defaults work on a laptop: an embedded PostgreSQL under `./.lore`, the API on 127.0.0.1:8080.
public struct LoreConfiguration: Sendable {
    /// Where Lore keeps its database cluster, blobs and run files (`LORE_DATA_DIR`, default `./.lore`).
    public var dataDirectory: String
    /// An external PostgreSQL (owner/migration credentials); nil runs the embedded one.
    public var databaseURL: String?
    /// Optional separate login for the application role on an external server.
    public var appDatabaseURL: String?
    /// Unprivileged system account that runs the embedded PostgreSQL when Lore runs as root.
    public var postgresSystemUser: String
    public var host: String
    public var port: Int
    /// Token for system-administration endpoints (`POST /v1/orgs`); nil means "generate and
    /// keep one in the data directory".
    public var adminToken: String?
    /// Largest single upload, in bytes.
    public var maxUploadBytes: Int64
    /// Connections per pool.
    public var databasePoolSize: Int
    /// The embedded PostgreSQL's buffer cache in MB (`LORE_DB_SHARED_BUFFERS_MB`); nil: a
    /// quarter of the machine's memory, 128 MB–8 GB.
    public var databaseSharedBuffersMB: Int?
    public var logLevel: String
    /// `json` (one object per line) or `text`.
    public var logFormat: String
    public var quotas: TierQuotas
    /// Keep the GPS position pictures carry (`LORE_KEEP_IMAGE_LOCATION`); dropped by default,
    /// being personal data.
    public var keepsImageLocation: Bool = false

    public init(
        dataDirectory: String = ".lore",
        databaseURL: String? = nil,
        appDatabaseURL: String? = nil,
        postgresSystemUser: String = "lore-postgres",
        host: String = "127.0.0.1",
        port: Int = 8080,
        adminToken: String? = nil,
        maxUploadBytes: Int64 = 2 << 30,
        databasePoolSize: Int = 10,
        databaseSharedBuffersMB: Int? = nil,
        logLevel: String = "info",
        logFormat: String = "text",
        quotas: TierQuotas = TierQuotas()
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.appDatabaseURL = appDatabaseURL
        self.postgresSystemUser = postgresSystemUser
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.maxUploadBytes = maxUploadBytes
        self.databasePoolSize = databasePoolSize
        self.databaseSharedBuffersMB = databaseSharedBuffersMB
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.quotas = quotas
    }

    /// Reads `LORE_*` variables; unknown values are errors, not silently ignored.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> LoreConfiguration {
        var config = LoreConfiguration()
        func value(_ key: String) -> String? {
            guard let v = env[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func integer(_ key: String, range: ClosedRange<Int64>) throws -> Int64? {
            guard let raw = value(key) else { return nil }
            guard let n = Int64(raw), range.contains(n) else {
                throw LoreError(.configuration, "\(key) must be an integer in \(range.lowerBound)…\(range.upperBound), got \(raw)")
            }
            return n
        }
        func boolean(_ key: String) throws -> Bool? {
            guard let raw = value(key)?.lowercased() else { return nil }
            switch raw {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: throw LoreError(.configuration, "\(key) must be true or false, got \(raw)")
            }
        }
        if let dir = value("LORE_DATA_DIR") { config.dataDirectory = dir }
        if let keep = try boolean("LORE_KEEP_IMAGE_LOCATION") { config.keepsImageLocation = keep }
        config.databaseURL = value("LORE_DATABASE_URL")
        config.appDatabaseURL = value("LORE_APP_DATABASE_URL")
        if let user = value("LORE_POSTGRES_USER") { config.postgresSystemUser = user }
        if let host = value("LORE_HOST") { config.host = host }
        if let port = try integer("LORE_PORT", range: 0...65535) { config.port = Int(port) }
        config.adminToken = value("LORE_ADMIN_TOKEN")
        if let size = try integer("LORE_MAX_UPLOAD_BYTES", range: 1...(1 << 50)) { config.maxUploadBytes = size }
        if let pool = try integer("LORE_DB_POOL_SIZE", range: 1...500) { config.databasePoolSize = Int(pool) }
        if let buffers = try integer("LORE_DB_SHARED_BUFFERS_MB", range: 16...1_048_576) { config.databaseSharedBuffersMB = Int(buffers) }
        if let level = value("LORE_LOG_LEVEL") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(level) else {
                throw LoreError(.configuration, "LORE_LOG_LEVEL must be one of \(levels.joined(separator: ", "))")
            }
            config.logLevel = level
        }
        if let format = value("LORE_LOG_FORMAT") {
            guard ["json", "text"].contains(format) else {
                throw LoreError(.configuration, "LORE_LOG_FORMAT must be json or text")
            }
            config.logFormat = format
        }
        return config
    }

    /// The data directory as an absolute path.
    public var absoluteDataDirectory: String {
        let url = URL(fileURLWithPath: dataDirectory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }
}

/// Default limits per tier; an organisation's own `quotas` override them field by field.
public struct TierQuotas: Sendable {
    public var byTier: [OrganizationTier: Quota]
    public init(byTier: [OrganizationTier: Quota] = TierQuotas.defaults) { self.byTier = byTier }

    public static let defaults: [OrganizationTier: Quota] = [
        .free: Quota(maxFiles: 500, maxBytes: 5 << 30, maxMediaSeconds: 20 * 3600),
        .starter: Quota(maxFiles: 5_000, maxBytes: 50 << 30, maxMediaSeconds: 200 * 3600),
        .professional: Quota(maxFiles: 50_000, maxBytes: 500 << 30, maxMediaSeconds: 2_000 * 3600),
        .enterprise: Quota(maxFiles: 1_000_000, maxBytes: 10 << 40, maxMediaSeconds: 100_000 * 3600),
    ]

    public func quota(for tier: OrganizationTier) -> Quota { byTier[tier] ?? Quota() }
}

/// Upper bounds on what one organisation may store. Nil fields are unlimited.
public struct Quota: Sendable, Codable, Equatable {
    public var maxFiles: Int64?
    public var maxBytes: Int64?
    public var maxMediaSeconds: Double?

    public init(maxFiles: Int64? = nil, maxBytes: Int64? = nil, maxMediaSeconds: Double? = nil) {
        self.maxFiles = maxFiles
        self.maxBytes = maxBytes
        self.maxMediaSeconds = maxMediaSeconds
    }

    enum CodingKeys: String, CodingKey {
        case maxFiles = "max_files"
        case maxBytes = "max_bytes"
        case maxMediaSeconds = "max_media_seconds"
    }

    /// This quota with every field the override sets replaced.
    public func overridden(by other: Quota) -> Quota {
        Quota(maxFiles: other.maxFiles ?? maxFiles,
              maxBytes: other.maxBytes ?? maxBytes,
              maxMediaSeconds: other.maxMediaSeconds ?? maxMediaSeconds)
    }
}
