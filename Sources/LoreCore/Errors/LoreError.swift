/// The one error type that crosses module boundaries and reaches users.
///
/// `code` is stable (clients and tests match on it); `message` is for humans and never
/// contains secrets, SQL or document text. HTTP status and CLI exit code follow from
/// `code.category` (the mapping table lives in `LoreAPI` and the `lore` executable).
public struct LoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    /// Small structured extras a client can act on (for example the id of an existing duplicate).
    public var details: [String: String]
    /// For operators' logs only (a driver's own message, say); never shown to clients.
    public var diagnostic: String?

    public init(_ code: ErrorCode, _ message: String, details: [String: String] = [:], diagnostic: String? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.diagnostic = diagnostic
    }

    public var description: String {
        diagnostic.map { "\(code.rawValue): \(message) (\($0))" } ?? "\(code.rawValue): \(message)"
    }
}

/// A stable machine-readable error code and the broad class of failure it belongs to.
/// Modules declare their own codes in `extension ErrorCode { static let … }`.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// Broad classes of failure; each maps to one HTTP status and one CLI exit code.
    public enum Category: String, Sendable {
        case invalidInput, unauthenticated, forbidden, notFound, conflict, tooLarge
        case unsupportedMedia, rateLimited, unavailable, upstream, timeout, internalFailure
    }

    public let rawValue: String
    public let category: Category

    public init(_ rawValue: String, _ category: Category) {
        self.rawValue = rawValue
        self.category = category
    }

    public var description: String { rawValue }

    public static func == (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension ErrorCode {
    // Input
    public static let invalidJSON = ErrorCode("invalid_json", .invalidInput)
    public static let unknownField = ErrorCode("unknown_field", .invalidInput)
    public static let invalidArgument = ErrorCode("invalid_argument", .invalidInput)
    public static let emptyUpload = ErrorCode("empty_upload", .invalidInput)
    public static let rangeNotSatisfiable = ErrorCode("range_not_satisfiable", .invalidInput)
    public static let invalidCursor = ErrorCode("invalid_cursor", .invalidInput)
    // Auth
    public static let unauthenticated = ErrorCode("unauthenticated", .unauthenticated)
    public static let invalidAPIKey = ErrorCode("invalid_api_key", .unauthenticated)
    public static let forbidden = ErrorCode("forbidden", .forbidden)
    // Resources
    public static let notFound = ErrorCode("not_found", .notFound)
    public static let conflict = ErrorCode("conflict", .conflict)
    public static let slugTaken = ErrorCode("slug_taken", .conflict)
    // Limits
    public static let payloadTooLarge = ErrorCode("payload_too_large", .tooLarge)
    public static let quotaExceeded = ErrorCode("quota_exceeded", .tooLarge)
    public static let unsupportedMediaType = ErrorCode("unsupported_media_type", .unsupportedMedia)
    public static let rateLimited = ErrorCode("rate_limited", .rateLimited)
    // Infrastructure
    public static let databaseUnavailable = ErrorCode("database_unavailable", .unavailable)
    public static let migrationMismatch = ErrorCode("migration_mismatch", .internalFailure)
    public static let migrationFailed = ErrorCode("migration_failed", .internalFailure)
    public static let embeddedDatabase = ErrorCode("embedded_database_error", .unavailable)
    public static let configuration = ErrorCode("configuration_error", .invalidInput)
    public static let upstreamError = ErrorCode("upstream_error", .upstream)
    public static let timeout = ErrorCode("timeout", .timeout)
    public static let internalError = ErrorCode("internal_error", .internalFailure)
    public static let modelLoad = ErrorCode("model_load_failed", .unavailable)
}
