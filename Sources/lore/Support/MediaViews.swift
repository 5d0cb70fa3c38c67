import Foundation
import LoreApp
import LoreDatabase

/// A media item as the CLI shows it, read from the local database or decoded from the API's
/// `Media` object (same keys).
struct MediaSummary: Codable, Sendable {
    let id: String
    let title: String
    let kind: String
    let status: String
    let contentType: String?
    let sizeBytes: Int64
    let durationSeconds: Double?
    let language: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, kind, status, language
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
        case durationSeconds = "duration_seconds"
        case createdAt = "created_at"
    }
}

/// A media item with what processing made of it, from the local database or the API's
/// `MediaDetail` object (same keys).
struct MediaDetailView: Codable, Sendable {
    let media: MediaSummary
    let stages: [Stage]
    let chunks: [String: Int]
    let frames: Int
    let duplicates: [String]

    struct Stage: Codable, Sendable {
        let stage: String, status: String, attempts: Int, durationMs: Double?, errorCode: String?, errorMessage: String?
        enum CodingKeys: String, CodingKey {
            case stage, status, attempts
            case durationMs = "duration_ms"
            case errorCode = "error_code"
            case errorMessage = "error_message"
        }
    }

    var chunkCount: Int { chunks.values.reduce(0, +) }
    /// Ready, partial or failed: processing is over.
    var isFinished: Bool { ["ready", "partial", "failed"].contains(media.status) }
}

extension MediaSummary {
    init(_ item: MediaItem) {
        self.init(id: item.id.description, title: item.title, kind: item.kind.rawValue, status: item.status.rawValue, contentType: item.contentType,
                  sizeBytes: item.sizeBytes, durationSeconds: item.durationSeconds, language: item.language, createdAt: item.createdAt)
    }
}

extension MediaDetailView {
    init(_ detail: MediaDetail) {
        self.init(media: MediaSummary(detail.media),
                  stages: detail.stages.map { Stage(stage: $0.stage, status: $0.status, attempts: $0.attempts, durationMs: $0.durationMs,
                                                    errorCode: $0.errorCode, errorMessage: $0.errorMessage) },
                  chunks: detail.chunks, frames: detail.frames, duplicates: detail.duplicates.map(\.description))
    }
}
