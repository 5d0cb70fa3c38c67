import Foundation
import LoreCore
import PostgresNIO

/// What an organisation currently stores, counted against its quota.
public struct OrgUsage: Sendable, Equatable {
    public var mediaCount: Int64
    public var mediaBytes: Int64
    public var mediaSeconds: Double
}

extension TenantTransaction {
    public func usage() async throws -> OrgUsage {
        let rows = try await query("SELECT media_count, media_bytes, media_seconds FROM org_usage WHERE org_id = \(org.uuid)")
        for try await (count, bytes, seconds) in rows.decode((Int64, Int64, Double).self) {
            return OrgUsage(mediaCount: count, mediaBytes: bytes, mediaSeconds: seconds)
        }
        return OrgUsage(mediaCount: 0, mediaBytes: 0, mediaSeconds: 0)
    }

    /// Adds to the usage counters if the result stays within `quota`, atomically (the row lock
    /// serialises concurrent uploads of one organisation). False when the quota would be exceeded.
    public func reserveUsage(files: Int64, bytes: Int64, seconds: Double, within quota: Quota) async throws -> Bool {
        try await count("""
            UPDATE org_usage
               SET media_count = media_count + \(files), media_bytes = media_bytes + \(bytes),
                   media_seconds = media_seconds + \(seconds), updated_at = now()
             WHERE org_id = \(org.uuid)
               AND (\(quota.maxFiles)::bigint IS NULL OR media_count + \(files) <= \(quota.maxFiles))
               AND (\(quota.maxBytes)::bigint IS NULL OR media_bytes + \(bytes) <= \(quota.maxBytes))
               AND (\(quota.maxMediaSeconds)::float8 IS NULL OR media_seconds + \(seconds) <= \(quota.maxMediaSeconds))
            RETURNING org_id
            """) == 1
    }

    /// Gives usage back (deleted media), never below zero.
    public func releaseUsage(files: Int64, bytes: Int64, seconds: Double) async throws {
        try await query("""
            UPDATE org_usage
               SET media_count = greatest(0, media_count - \(files)), media_bytes = greatest(0, media_bytes - \(bytes)),
                   media_seconds = greatest(0, media_seconds - \(seconds)), updated_at = now()
             WHERE org_id = \(org.uuid)
            """)
    }
}
