import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreJobs

/// Runs one pipeline stage of one media item as a job, the same way for every stage:
///
/// 1. record the stage as running (attempts are counted);
/// 2. do the stage's work (engines, no database writes);
/// 3. embed its chunks (through the organisation's embedding cache);
/// 4. in the job's completing transaction: write the stage's records and chunks (replacing a
///    previous run's), mark the stage succeeded and derive the media item's status — exactly
///    once, however often the job is attempted.
///
/// A failure that will not be retried (bad input, last attempt) is recorded on the stage with
/// its error code; the stages that succeeded stay searchable and the item shows `partial`.
struct MediaStageRunner {
    let dependencies: PipelineDependencies

    func run(_ stage: MediaStageName, _ payload: MediaJobPayload, context: JobContext,
             work: @Sendable (MediaItem, Organization) async throws -> StageOutput) async throws {
        let media = MediaID(payload.mediaID)
        let found = try await context.withOrg { tx in (try await tx.media(media), try await tx.organization()) }
        guard let item = found.0, let organization = found.1 else {
            // Deleted meanwhile: nothing to do.
            try await context.complete { _ in }
            return
        }
        try await context.withOrg { tx in try await tx.startStage(media: media, stage: stage.rawValue) }
        let started = ContinuousClock.now
        do {
            // Remote providers' usage is recorded against this organisation (cost accounting).
            let attribution = organization.id.description
            let output = try await UsageAttribution.$organization.withValue(attribution) { try await work(item, organization) }
            let worked = ContinuousClock.now
            let (strategy, embedder) = dependencies.embeddings.choose(tier: organization.tier, importance: .of(tags: item.tags))
            let prepared = try await UsageAttribution.$organization.withValue(attribution) {
                try await dependencies.indexer.prepare(org: organization.id, drafts: output.drafts, embedder: embedder, strategy: strategy)
            }
            let embedded = ContinuousClock.now
            let indexer = dependencies.indexer
            var details = output.details
            details["chunks"] = String(prepared.drafts.count)
            details["embedding_cache_hits"] = String(prepared.cacheHits)
            details["embedding_model"] = prepared.model
            details["work_ms"] = String(Int((worked - started).milliseconds))
            details["embed_ms"] = String(Int((embedded - worked).milliseconds))
            let finalDetails = details
            try await context.complete { tx in
                try await output.write(tx)
                try await indexer.write(prepared, media: media, stage: stage.rawValue, in: tx)
                try await tx.updateMedia(media, durationSeconds: output.durationSeconds, language: output.language)
                try await tx.finishStage(media: media, stage: stage.rawValue, status: "succeeded",
                                         durationMs: (ContinuousClock.now - started).milliseconds, details: finalDetails)
                try await tx.refreshMediaStatus(media)
            }
            context.logger.info("stage done", metadata: ["lore.media": "\(media)", "stage": "\(stage.rawValue)",
                                                          "chunks": "\(prepared.drafts.count)", "ms": "\(Int((ContinuousClock.now - started).milliseconds))"])
        } catch {
            let final = !JobError.isRetryable(error) || context.isLastAttempt
            if final {
                let reported = (error as? LoreError) ?? LoreError(.internalError, "the \(stage.rawValue) stage failed", diagnostic: "\(error)")
                let elapsed = ContinuousClock.now - started
                try? await context.withOrg { tx in
                    try await tx.finishStage(media: media, stage: stage.rawValue, status: "failed", durationMs: elapsed.milliseconds, error: reported)
                    try await tx.refreshMediaStatus(media)
                }
            }
            throw error
        }
    }
}

