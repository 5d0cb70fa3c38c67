import Foundation
import LoreApp
import LoreCore
import LoreDatabase

// Response bodies: the API's public contract, decoupled from storage records.

struct OrganizationBody: Encodable {
    let id: String
    let slug: String
    let name: String
    let tier: String
    let plan: String
    let quotas: Quota
    let featureFlags: [String: Bool]
    let createdAt: Date

    init(_ org: Organization) {
        id = org.id.description
        slug = org.slug
        name = org.name
        tier = org.tier.rawValue
        plan = org.plan
        quotas = org.quotas
        featureFlags = org.featureFlags
        createdAt = org.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, slug, name, tier, plan, quotas
        case featureFlags = "feature_flags"
        case createdAt = "created_at"
    }
}

struct UsageBody: Encodable {
    let mediaCount: Int64
    let mediaBytes: Int64
    let mediaSeconds: Double
    enum CodingKeys: String, CodingKey {
        case mediaCount = "media_count"
        case mediaBytes = "media_bytes"
        case mediaSeconds = "media_seconds"
    }
}

struct OrganizationWithUsageBody: Encodable {
    let organization: OrganizationBody
    let usage: UsageBody
    let quota: Quota
}

/// A user as the API and `lore user` show one (never the password hash).
public struct UserBody: Encodable, Sendable {
    public let id: String
    public let email: String
    public let displayName: String?
    public let role: String
    public let createdAt: Date

    public init(_ user: User) {
        id = user.id.uuidString.lowercased()
        email = user.email
        displayName = user.displayName
        role = user.role.rawValue
        createdAt = user.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, role
        case displayName = "display_name"
        case createdAt = "created_at"
    }
}

struct APIKeyBody: Encodable {
    let id: String
    let name: String
    let prefix: String
    let role: String
    let createdAt: Date
    let lastUsedAt: Date?
    let expiresAt: Date?
    let revokedAt: Date?

    init(_ key: APIKey) {
        id = key.id.lowercasedString
        name = key.name
        prefix = key.prefix
        role = key.role.rawValue
        createdAt = key.createdAt
        lastUsedAt = key.lastUsedAt
        expiresAt = key.expiresAt
        revokedAt = key.revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, prefix, role
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }
}

struct CreatedAPIKeyBody: Encodable {
    let apiKey: APIKeyBody
    let secret: String
    enum CodingKeys: String, CodingKey {
        case apiKey = "api_key"
        case secret
    }
}

struct CreatedOrganizationBody: Encodable {
    let organization: OrganizationBody
    let ownerKey: CreatedAPIKeyBody
    enum CodingKeys: String, CodingKey {
        case organization
        case ownerKey = "owner_key"
    }
}

struct ListBody<Item: Encodable>: Encodable {
    let items: [Item]
}

struct MediaBody: Encodable {
    let id: String
    let kind: String
    let status: String
    let source: String
    let title: String
    let filename: String?
    let contentType: String?
    let sizeBytes: Int64
    let sha256: String
    let storageTier: String
    let durationSeconds: Double?
    let language: String?
    let tags: [String]
    let metadata: JSONObjectText
    let createdAt: Date
    let updatedAt: Date

    init(_ media: MediaItem) {
        id = media.id.description
        kind = media.kind.rawValue
        status = media.status.rawValue
        source = media.source.rawValue
        title = media.title
        filename = media.originalFilename
        contentType = media.contentType
        sizeBytes = media.sizeBytes
        sha256 = media.sha256Hex
        storageTier = media.storageTier.rawValue
        durationSeconds = media.durationSeconds
        language = media.language
        tags = media.tags
        metadata = JSONObjectText(text: media.metadataJSON)
        createdAt = media.createdAt
        updatedAt = media.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, source, title, filename, sha256, language, tags, metadata
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
        case storageTier = "storage_tier"
        case durationSeconds = "duration_seconds"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

struct UploadResultBody: Encodable {
    let media: MediaBody
    let duplicate: Bool
}

struct MediaAccessTokenBody: Encodable {
    let token: String
    let expiresAt: Date
    let contentURL: String
    let thumbnailURL: String
    enum CodingKeys: String, CodingKey {
        case token
        case expiresAt = "expires_at"
        case contentURL = "content_url"
        case thumbnailURL = "thumbnail_url"
    }
}

struct MediaPageBody: Encodable {
    let items: [MediaBody]
    let nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}

/// A JSON object stored as text, embedded as JSON (not as a string) in responses.
struct JSONObjectText: Encodable {
    let text: String
    func encode(to encoder: any Encoder) throws {
        let value = (try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))) ?? .object([:])
        try value.encode(to: encoder)
    }
}

/// Arbitrary decoded JSON, re-encodable.
enum AnyJSON: Codable {
    case string(String), number(Double), bool(Bool), null
    case array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([AnyJSON].self) { self = .array(a) }
        else { self = .object(try container.decode([String: AnyJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .number(let n): try container.encode(n)
        case .bool(let b): try container.encode(b)
        case .null: try container.encodeNil()
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

struct StageBody: Encodable {
    let stage: String
    let status: String
    let attempts: Int
    let startedAt: Date?
    let finishedAt: Date?
    let durationMs: Double?
    let errorCode: String?
    let errorMessage: String?
    let details: JSONObjectText

    init(_ stage: MediaStage) {
        self.stage = stage.stage
        status = stage.status
        attempts = stage.attempts
        startedAt = stage.startedAt
        finishedAt = stage.finishedAt
        durationMs = stage.durationMs
        errorCode = stage.errorCode
        errorMessage = stage.errorMessage
        details = JSONObjectText(text: stage.detailsJSON)
    }

    enum CodingKeys: String, CodingKey {
        case stage, status, attempts, details
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationMs = "duration_ms"
        case errorCode = "error_code"
        case errorMessage = "error_message"
    }
}

/// `GET /v1/media/{id}`: the item and what processing made of it.
struct MediaDetailBody: Encodable {
    let media: MediaBody
    let stages: [StageBody]
    let chunks: [String: Int]
    let frames: Int
    let duplicates: [String]
    let transcriptSegments: Int?
    let transcriptLanguage: String?

    init(_ detail: MediaDetail) {
        media = MediaBody(detail.media)
        stages = detail.stages.map(StageBody.init)
        chunks = detail.chunks
        frames = detail.frames
        duplicates = detail.duplicates.map(\.description)
        transcriptSegments = detail.transcriptSegments
        transcriptLanguage = detail.transcriptLanguage
    }

    enum CodingKeys: String, CodingKey {
        case media, stages, chunks, frames, duplicates
        case transcriptSegments = "transcript_segments"
        case transcriptLanguage = "transcript_language"
    }
}
