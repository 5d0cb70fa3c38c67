import Foundation
import Logging
import LoreBlobStore
import LoreCore
import LoreDatabase
import LoreMedia

/// What the media pipeline's jobs share in one process.
public struct PipelineDependencies: Sendable {
    public let database: Database
    public let blobs: any BlobStore
    public let embeddings: EmbeddingModels
    public let engines: MediaEngines
    public let indexer: ChunkIndexer
    /// Keep pictures' GPS positions in their metadata (otherwise dropped and flagged).
    public let keepsImageLocation: Bool
    public let logger: Logger

    public init(database: Database, blobs: any BlobStore, embeddings: EmbeddingModels, engines: MediaEngines,
                keepsImageLocation: Bool = false, logger: Logger) {
        self.database = database
        self.keepsImageLocation = keepsImageLocation
        self.blobs = blobs
        self.embeddings = embeddings
        self.engines = engines
        self.indexer = ChunkIndexer(database: database, logger: logger)
        self.logger = logger
    }
}

/// The payload of every media pipeline job: which media item.
public struct MediaJobPayload: Codable, Sendable, Equatable {
    public var mediaID: UUID
    public init(mediaID: UUID) { self.mediaID = mediaID }
    enum CodingKeys: String, CodingKey { case mediaID = "media_id" }
}

/// The pipeline's stages, each one job kind, in the order a media item shows them.
public enum MediaStageName: String, Sendable, CaseIterable {
    case transcript, frames, image, document

    /// Stages a media item of `kind` goes through. A WebVTT/SRT file (a meeting platform's
    /// export) is detected as a document but is a transcript: its cues are the timeline.
    public static func plan(for kind: MediaKind, contentType: String?) -> [MediaStageName] {
        if ProvidedTranscriptFormat(contentType: contentType) != nil { return [.transcript] }
        switch kind {
        case .video: return [.transcript, .frames]
        case .audio: return [.transcript]
        case .image: return [.image]
        case .document: return [.document]
        case .unknown: return []
        }
    }
}
