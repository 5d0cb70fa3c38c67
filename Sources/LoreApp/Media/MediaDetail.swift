import Foundation
import LoreCore
import LoreDatabase

/// A media item with what processing made of it: stage by stage status, timings and errors,
/// chunks per stage, key frames, near-duplicates.
public struct MediaDetail: Sendable {
    public var media: MediaItem
    public var stages: [MediaStage]
    public var chunks: [String: Int]
    public var frames: Int
    public var duplicates: [MediaID]
    public var transcriptSegments: Int?
    public var transcriptLanguage: String?
}

extension MediaService {
    public func detail(caller: Caller, id: MediaID) async throws -> MediaDetail {
        try caller.require(.viewer)
        guard let detail = try await database.withOrg(caller.org, { tx -> MediaDetail? in
            guard let media = try await tx.media(id) else { return nil }
            let transcript = try await tx.transcript(media: id)
            return MediaDetail(media: media, stages: try await tx.stages(media: id), chunks: try await tx.chunkCounts(media: id),
                               frames: try await tx.frameCount(media: id), duplicates: try await tx.duplicates(of: id),
                               transcriptSegments: transcript?.segments.count, transcriptLanguage: transcript?.language)
        }) else {
            throw LoreError(.notFound, "no such media item")
        }
        return detail
    }

    /// The thumbnail of a media item: the key frame nearest `time` for video, the picture for images.
    public func thumbnail(caller: Caller, id: MediaID, time: Double?) async throws -> BlobKey {
        let media = try await get(caller: caller, id: id)
        let frameKey = try await database.withOrg(caller.org) { tx in
            try await tx.nearestFrameThumbnail(media: id, time: time ?? 0)
        }
        let key = try frameKey.map(BlobKey.init) ?? BlobKey(media.blobKey).derived("thumbs/0.jpg")
        guard try await blobs.size(of: key) != nil else { throw LoreError(.notFound, "this media item has no thumbnail") }
        return key
    }

    /// Streams a stored blob of the caller's media item (thumbnails).
    public func readBlob(_ key: BlobKey, _ consumer: ([UInt8]) async throws -> Void) async throws {
        try await blobs.read(key, range: nil, consumer)
    }
}
