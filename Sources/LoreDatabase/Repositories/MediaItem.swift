import Foundation
import LoreCore
import PostgresNIO

/// A recording, image or document as stored.
public struct MediaItem: Sendable, Equatable {
    public var id: MediaID
    public var orgID: OrgID
    public var kind: MediaKind
    public var status: MediaStatus
    public var source: MediaSource
    public var title: String
    public var originalFilename: String?
    public var contentType: String?
    public var sizeBytes: Int64
    public var sha256: [UInt8]
    public var blobKey: String
    public var storageTier: StorageTier
    public var durationSeconds: Double?
    public var language: String?
    public var tags: [String]
    /// Free-form JSON object (probe results, stage timings), as text.
    public var metadataJSON: String
    public var createdAt: Date
    public var updatedAt: Date

    public var sha256Hex: String { sha256.map { String(format: "%02x", $0) }.joined() }
}

/// What an upload or import knows about a new media item.
public struct NewMediaItem: Sendable {
    public var id: MediaID
    public var kind: MediaKind
    public var source: MediaSource
    public var title: String
    public var originalFilename: String?
    public var contentType: String?
    public var sizeBytes: Int64
    public var sha256: [UInt8]
    public var blobKey: String
    public var tags: [String]
    public var uploadedBy: UUID?
    public var durationSeconds: Double?
    public var status: MediaStatus
    /// Facts found while validating (container, codecs, resolution…), stored in `media.metadata`.
    public var metadata: [String: String]

    public init(id: MediaID, kind: MediaKind = .unknown, source: MediaSource = .upload, title: String, originalFilename: String?,
                contentType: String?, sizeBytes: Int64, sha256: [UInt8], blobKey: String, tags: [String] = [], uploadedBy: UUID? = nil,
                durationSeconds: Double? = nil, status: MediaStatus = .uploaded, metadata: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.source = source
        self.title = title
        self.originalFilename = originalFilename
        self.contentType = contentType
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.blobKey = blobKey
        self.tags = tags
        self.uploadedBy = uploadedBy
        self.durationSeconds = durationSeconds
        self.status = status
        self.metadata = metadata
    }
}

/// A position in a newest-first listing (exclusive).
public struct MediaCursor: Sendable, Equatable {
    public var createdAt: Date
    public var id: MediaID
    public init(createdAt: Date, id: MediaID) {
        self.createdAt = createdAt
        self.id = id
    }
}

extension MediaItem {
    static let columns = """
        id, org_id, kind, status, source, title, original_filename, content_type, size_bytes, sha256, blob_key,
        storage_tier, duration_seconds, language, tags, metadata::text, created_at, updated_at
        """

    static func decode(_ rows: PostgresRowSequence) async throws -> [MediaItem] {
        var result: [MediaItem] = []
        for try await (id, org, kind, status, source, title, filename, contentType, size, sha, blobKey, tier, duration, language, tags, metadata, created, updated)
            in rows.decode((UUID, UUID, String, String, String, String, String?, String?, Int64, Bytea, String, String, Double?, String?, [String], String, Date, Date).self) {
            result.append(MediaItem(
                id: MediaID(id), orgID: OrgID(org), kind: MediaKind(rawValue: kind) ?? .unknown,
                status: MediaStatus(rawValue: status) ?? .uploaded, source: MediaSource(rawValue: source) ?? .upload,
                title: title, originalFilename: filename, contentType: contentType, sizeBytes: size, sha256: sha.bytes,
                blobKey: blobKey, storageTier: StorageTier(rawValue: tier) ?? .hot, durationSeconds: duration,
                language: language, tags: tags, metadataJSON: metadata, createdAt: created, updatedAt: updated))
        }
        return result
    }
}

extension TenantTransaction {
    public func insertMedia(_ item: NewMediaItem) async throws -> MediaItem {
        let rows = try await query("""
            INSERT INTO media (org_id, id, kind, status, source, title, original_filename, content_type, size_bytes, sha256, blob_key, tags,
                               uploaded_by, duration_seconds, metadata)
            VALUES (\(org.uuid), \(item.id.uuid), \(item.kind.rawValue), \(item.status.rawValue), \(item.source.rawValue), \(item.title),
                    \(item.originalFilename), \(item.contentType), \(item.sizeBytes), \(Bytea(item.sha256)), \(item.blobKey), \(item.tags),
                    \(item.uploadedBy), \(item.durationSeconds), \(JSONColumn.encode(item.metadata))::jsonb)
            RETURNING \(unescaped: MediaItem.columns)
            """)
        guard let media = try await MediaItem.decode(rows).first else { throw LoreError(.internalError, "media was not created") }
        return media
    }

    public func media(_ id: MediaID) async throws -> MediaItem? {
        try await MediaItem.decode(query("SELECT \(unescaped: MediaItem.columns) FROM media WHERE id = \(id.uuid)")).first
    }

    public func media(sha256: [UInt8]) async throws -> MediaItem? {
        try await MediaItem.decode(query("SELECT \(unescaped: MediaItem.columns) FROM media WHERE sha256 = \(Bytea(sha256))")).first
    }

    /// Newest first; `after` continues a previous page.
    public func listMedia(limit: Int, after cursor: MediaCursor?) async throws -> [MediaItem] {
        if let cursor {
            return try await MediaItem.decode(query("""
                SELECT \(unescaped: MediaItem.columns) FROM media
                WHERE (created_at, id) < (\(cursor.createdAt), \(cursor.id.uuid))
                ORDER BY created_at DESC, id DESC LIMIT \(limit)
                """))
        }
        return try await MediaItem.decode(query("""
            SELECT \(unescaped: MediaItem.columns) FROM media ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """))
    }

    /// Deletes a media item (its chunks and frames go with it); returns what was deleted.
    public func deleteMedia(_ id: MediaID) async throws -> MediaItem? {
        try await forgetChunksInSearchProfiles(media: id, stage: nil)
        return try await MediaItem.decode(query("DELETE FROM media WHERE id = \(id.uuid) RETURNING \(unescaped: MediaItem.columns)")).first
    }
}
