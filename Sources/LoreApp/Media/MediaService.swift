import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreJobs
import LoreMedia

/// Uploading, listing, reading and deleting media items of the caller's organisation.
public struct MediaService: Sendable {
    let database: Database
    let blobs: any BlobStore
    let organizations: OrganizationService
    let maxUploadBytes: Int64
    let validator: UploadValidator
    let logger: Logger

    public init(database: Database, blobs: any BlobStore, organizations: OrganizationService, maxUploadBytes: Int64,
                validator: UploadValidator = UploadValidator(), logger: Logger) {
        self.database = database
        self.blobs = blobs
        self.organizations = organizations
        self.maxUploadBytes = maxUploadBytes
        self.validator = validator
        self.logger = logger
    }

    /// A transcript that arrives with a recording (`.vtt`/`.srt`), used instead of speech recognition.
    public struct SidecarTranscript: Sendable {
        public var format: ProvidedTranscriptFormat
        public var bytes: [UInt8]
        public init(format: ProvidedTranscriptFormat, bytes: [UInt8]) {
            self.format = format
            self.bytes = bytes
        }
    }

    public struct UploadOutcome: Sendable {
        public let media: MediaItem
        /// True when identical content already existed in the organisation: nothing new was stored.
        public let duplicate: Bool
    }

    public struct Page: Sendable {
        public let items: [MediaItem]
        public let nextCursor: String?
    }

    /// Starts an upload; `declaredLength` (Content-Length) lets an oversized upload fail before
    /// any byte is read.
    public func beginUpload(caller: Caller, declaredLength: Int64?) async throws -> MediaUpload {
        try caller.require(.member)
        let (organization, usage) = try await database.withOrg(caller.org) { tx in
            (try await tx.organization(), try await tx.usage())
        }
        guard let organization else { throw LoreError(.notFound, "no such organisation") }
        let quota = organizations.effectiveQuota(organization)
        if let maxFiles = quota.maxFiles, usage.mediaCount >= maxFiles {
            throw LoreError(.quotaExceeded, "the organisation has reached its limit of \(maxFiles) files")
        }
        var limit = maxUploadBytes
        var code = ErrorCode.payloadTooLarge
        if let maxBytes = quota.maxBytes, maxBytes - usage.mediaBytes < limit {
            limit = max(0, maxBytes - usage.mediaBytes)
            code = .quotaExceeded
        }
        if let declaredLength {
            guard declaredLength > 0 else { throw LoreError(.emptyUpload, "the upload is empty") }
            if declaredLength > limit {
                throw MediaUpload.limitError(code, limit: limit)
            }
        }
        let blob = try await blobs.beginUpload()
        return MediaUpload(blob: blob, caller: caller, limit: limit, limitCode: code)
    }

    /// Finishes an upload: detects identical content, checks the quota atomically, writes the
    /// row and makes the blob visible — or leaves nothing at all.
    public func completeUpload(_ upload: MediaUpload, filename rawFilename: String?, title rawTitle: String?, tags rawTags: [String] = [],
                               sidecar: SidecarTranscript? = nil, source: MediaSource = .upload,
                               requestID: String? = nil) async throws -> UploadOutcome {
        let caller = upload.caller
        do {
            let filename = UploadNames.sanitizedFilename(rawFilename)
            let title = try UploadNames.title(rawTitle, filename: filename)
            let tags = try UploadNames.tags(rawTags)
            let digest = try await upload.blob.finish()
            guard digest.size > 0 else { throw LoreError(.emptyUpload, "the upload is empty") }

            if let existing = try await database.withOrg(caller.org, { tx in try await tx.media(sha256: digest.sha256) }) {
                await upload.abort()
                return UploadOutcome(media: existing, duplicate: true)
            }
            // The type comes from the content; the limits for it are checked before anything is stored.
            let validated = try await validator.validate(fileAt: upload.blob.stagingPath)
            if let sidecar {
                _ = try sidecar.format.parse(Data(sidecar.bytes))
            }
            let id = MediaID()
            let key = BlobKey.media(caller.org, id)
            let organization = try await organizations.get(caller.org)
            let quota = organizations.effectiveQuota(organization)
            let blobs = self.blobs
            let media = try await database.withOrg(caller.org) { tx in
                guard try await tx.reserveUsage(files: 1, bytes: digest.size, seconds: validated.durationSeconds ?? 0, within: quota) else {
                    throw LoreError(.quotaExceeded, "the upload would exceed the organisation's quota (files, bytes or minutes of media)")
                }
                let media = try await tx.insertMedia(NewMediaItem(
                    id: id, kind: validated.kind, source: source, title: title, originalFilename: filename,
                    contentType: validated.contentType, sizeBytes: digest.size, sha256: digest.sha256, blobKey: key.rawValue,
                    tags: tags, uploadedBy: caller.keyID ?? caller.userID, durationSeconds: validated.durationSeconds, status: .queued,
                    metadata: validated.metadata))
                try await tx.audit(AuditEntry(actor: caller.actor, action: "media.upload", targetType: "media",
                                              targetID: id.description, requestID: requestID, details: ["bytes": String(digest.size)]))
                // Processing starts when this transaction commits (and never if it rolls back).
                try await tx.enqueue(IngestMediaJob.self, MediaJobPayload(mediaID: id.uuid), uniqueKey: "\(id):ingest")
                // The blob becomes visible before the row commits: a failed commit leaves an
                // orphan file to remove, never a row without its file.
                try await upload.blob.commit(as: key)
                if let sidecar {
                    try await blobs.put(sidecar.bytes, as: try key.derived("transcript.\(sidecar.format == .webVTT ? "vtt" : "srt")"))
                }
                return media
            }
            return UploadOutcome(media: media, duplicate: false)
        } catch let error as LoreError where error.code == .conflict && error.details["constraint"] == "media_org_sha256" {
            // An identical upload won the race.
            await upload.abort()
            if let existing = try await database.withOrg(caller.org, { tx in try await tx.media(sha256: try await upload.blob.finish().sha256) }) {
                return UploadOutcome(media: existing, duplicate: true)
            }
            throw error
        } catch {
            await upload.abort()
            throw error
        }
    }

    public func list(caller: Caller, limit: Int, cursor: String?) async throws -> Page {
        try caller.require(.viewer)
        guard (1...200).contains(limit) else { throw LoreError(.invalidArgument, "limit must be between 1 and 200") }
        let after = try cursor.map(MediaCursorCoding.decode)
        let items = try await database.withOrg(caller.org) { tx in try await tx.listMedia(limit: limit + 1, after: after) }
        let page = Array(items.prefix(limit))
        let next = items.count > limit ? page.last.map { MediaCursorCoding.encode(MediaCursor(createdAt: $0.createdAt, id: $0.id)) } : nil
        return Page(items: page, nextCursor: next)
    }

    /// One media item of the caller's organisation; another organisation's id is "not found",
    /// exactly like an id that does not exist.
    public func get(caller: Caller, id: MediaID) async throws -> MediaItem {
        try caller.require(.viewer)
        guard let media = try await database.withOrg(caller.org, { tx in try await tx.media(id) }) else {
            throw LoreError(.notFound, "no such media item")
        }
        return media
    }

    /// Deletes the item, everything derived from it, and its files.
    public func delete(caller: Caller, id: MediaID, requestID: String? = nil) async throws {
        try caller.require(.member)
        let deleted = try await database.withOrg(caller.org) { tx -> MediaItem? in
            guard let media = try await tx.deleteMedia(id) else { return nil }
            try await tx.releaseUsage(files: 1, bytes: media.sizeBytes, seconds: media.durationSeconds ?? 0)
            try await tx.audit(AuditEntry(actor: caller.actor, action: "media.delete", targetType: "media",
                                          targetID: id.description, requestID: requestID))
            return media
        }
        guard let deleted else { throw LoreError(.notFound, "no such media item") }
        do {
            try await blobs.delete(BlobKey(deleted.blobKey))
        } catch {
            logger.warning("media row deleted but its blob was not", metadata: ["lore.media": "\(id)", "error": "\(error)"])
        }
    }

    /// Streams a media item's original bytes (or a range of them).
    public func readContent(_ media: MediaItem, range: Range<Int64>?, _ consumer: ([UInt8]) async throws -> Void) async throws {
        try await blobs.read(BlobKey(media.blobKey), range: range, consumer)
    }
}
