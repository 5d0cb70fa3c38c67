import Foundation
import LoreCore
import PostgresNIO

/// The state of one pipeline stage of one media item.
public struct MediaStage: Sendable, Equatable {
    public var stage: String
    public var status: String
    public var attempts: Int
    public var startedAt: Date?
    public var finishedAt: Date?
    public var durationMs: Double?
    public var errorCode: String?
    public var errorMessage: String?
    public var detailsJSON: String
}

extension TenantTransaction {
    /// Declares the stages a media item will go through (pending), keeping any already recorded.
    public func planStages(media: MediaID, stages: [String]) async throws {
        for stage in stages {
            try await query("""
                INSERT INTO media_stages (org_id, media_id, stage, status) VALUES (\(org.uuid), \(media.uuid), \(stage), 'pending')
                ON CONFLICT (org_id, media_id, stage) DO NOTHING
                """)
        }
    }

    public func startStage(media: MediaID, stage: String) async throws {
        try await query("""
            INSERT INTO media_stages (org_id, media_id, stage, status, attempts, started_at, updated_at)
            VALUES (\(org.uuid), \(media.uuid), \(stage), 'running', 1, now(), now())
            ON CONFLICT (org_id, media_id, stage) DO UPDATE
               SET status = 'running', attempts = media_stages.attempts + 1, started_at = now(), finished_at = NULL,
                   error_code = NULL, error_message = NULL, updated_at = now()
            """)
    }

    /// Records a stage's outcome; `error` (code, message) for failures.
    public func finishStage(media: MediaID, stage: String, status: String, durationMs: Double?,
                            error: LoreError? = nil, details: [String: String] = [:]) async throws {
        try await query("""
            UPDATE media_stages SET status = \(status), finished_at = now(), duration_ms = \(durationMs),
                   error_code = \(error?.code.rawValue), error_message = \(error?.message),
                   details = details || \(JSONColumn.encode(details))::jsonb, updated_at = now()
             WHERE media_id = \(media.uuid) AND stage = \(stage)
            """)
    }

    public func stages(media: MediaID) async throws -> [MediaStage] {
        var result: [MediaStage] = []
        let rows = try await query("""
            SELECT stage, status, attempts, started_at, finished_at, duration_ms, error_code, error_message, details::text
              FROM media_stages WHERE media_id = \(media.uuid) ORDER BY coalesce(started_at, updated_at), stage
            """)
        for try await (stage, status, attempts, started, finished, duration, code, message, details)
            in rows.decode((String, String, Int, Date?, Date?, Double?, String?, String?, String).self) {
            result.append(MediaStage(stage: stage, status: status, attempts: attempts, startedAt: started, finishedAt: finished,
                                     durationMs: duration, errorCode: code, errorMessage: message, detailsJSON: details))
        }
        return result
    }

    /// Sets what analysis learned about a media item. Nil arguments keep the stored value;
    /// `metadata` is merged into the stored object.
    public func updateMedia(_ media: MediaID, kind: MediaKind? = nil, contentType: String? = nil, status: MediaStatus? = nil,
                            durationSeconds: Double? = nil, language: String? = nil, metadata: [String: String] = [:]) async throws {
        try await query("""
            UPDATE media SET kind = coalesce(\(kind?.rawValue), kind), content_type = coalesce(\(contentType), content_type),
                   status = coalesce(\(status?.rawValue), status), duration_seconds = coalesce(\(durationSeconds), duration_seconds),
                   language = coalesce(\(language), language), metadata = metadata || \(JSONColumn.encode(metadata))::jsonb,
                   updated_at = now()
             WHERE id = \(media.uuid)
            """)
    }

    /// Derives the media status from its stages: ready when all succeeded (or were skipped),
    /// partial when some failed but something succeeded, failed when nothing did, processing otherwise.
    @discardableResult
    public func refreshMediaStatus(_ media: MediaID) async throws -> MediaStatus {
        let stages = try await stages(media: media)
        let done = stages.allSatisfy { ["succeeded", "failed", "skipped"].contains($0.status) }
        let failed = stages.filter { $0.status == "failed" }.count
        let succeeded = stages.filter { $0.status == "succeeded" }.count
        let status: MediaStatus
        if !done { status = .processing }
        else if failed == 0 { status = .ready }
        else if succeeded > 0 { status = .partial }
        else { status = .failed }
        try await query("UPDATE media SET status = \(status.rawValue), updated_at = now() WHERE id = \(media.uuid)")
        return status
    }
}
