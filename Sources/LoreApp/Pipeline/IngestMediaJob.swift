import Foundation
import LoreCore
import LoreDatabase
import LoreJobs

public extension ErrorCode {
    static let mediaKindUnknown = ErrorCode("unsupported_media_kind", .unsupportedMedia)
}

/// `media.ingest`: plans a media item's stages from its kind and enqueues one job per stage, in
/// the same transaction (so a rolled-back plan enqueues nothing and a re-run plans nothing twice).
public struct IngestMediaJob: JobHandler {
    public static let kind: JobKind = "media.ingest"
    public static var policy: JobPolicy { JobPolicy(maxAttempts: 5, timeout: .seconds(120), priority: .high) }

    public init() {}

    public func run(_ payload: MediaJobPayload, context: JobContext) async throws {
        let media = MediaID(payload.mediaID)
        try await context.complete { tx in
            guard let item = try await tx.media(media) else { return }
            let stages = MediaStageName.plan(for: item.kind, contentType: item.contentType)
            guard !stages.isEmpty else {
                try await tx.planStages(media: media, stages: ["ingest"])
                try await tx.finishStage(media: media, stage: "ingest", status: "failed", durationMs: 0,
                                         error: LoreError(.mediaKindUnknown, "the file's type is not one Lore can index"))
                try await tx.refreshMediaStatus(media)
                return
            }
            try await tx.planStages(media: media, stages: stages.map(\.rawValue))
            for stage in stages {
                try await stage.enqueue(MediaJobPayload(mediaID: payload.mediaID), in: tx)
            }
            try await tx.updateMedia(media, status: .processing)
        }
    }
}

extension MediaStageName {
    /// Enqueues this stage's job for a media item (once: the unique key names item and stage).
    func enqueue(_ payload: MediaJobPayload, in tx: TenantTransaction) async throws {
        let key = "\(payload.mediaID.lowercasedString):\(rawValue)"
        switch self {
        case .transcript: try await tx.enqueue(TranscriptStageJob.self, payload, uniqueKey: key)
        case .frames: try await tx.enqueue(FramesStageJob.self, payload, uniqueKey: key)
        case .image: try await tx.enqueue(ImageStageJob.self, payload, uniqueKey: key)
        case .document: try await tx.enqueue(DocumentStageJob.self, payload, uniqueKey: key)
        }
    }
}
