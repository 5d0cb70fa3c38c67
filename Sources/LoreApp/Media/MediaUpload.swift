import Foundation
import LoreCore

/// An upload in progress: bytes are counted against the limit that applies (the global size
/// limit or what is left of the organisation's quota) as they arrive, so an oversized upload
/// stops at the first byte too many and leaves nothing behind.
public final class MediaUpload: Sendable {
    let blob: any BlobUpload
    let caller: Caller
    public let limit: Int64
    /// Which limit `limit` is: `payload_too_large` or `quota_exceeded`.
    let limitCode: ErrorCode

    init(blob: any BlobUpload, caller: Caller, limit: Int64, limitCode: ErrorCode) {
        self.blob = blob
        self.caller = caller
        self.limit = limit
        self.limitCode = limitCode
    }

    public func append(_ bytes: [UInt8]) async throws {
        if await blob.bytesWritten + Int64(bytes.count) > limit {
            await blob.abort()
            throw limitError
        }
        try await blob.append(bytes)
    }

    /// Discards the upload (client gone, validation failed).
    public func abort() async { await blob.abort() }

    var limitError: LoreError { Self.limitError(limitCode, limit: limit) }

    static func limitError(_ code: ErrorCode, limit: Int64) -> LoreError {
        code == .quotaExceeded
            ? LoreError(.quotaExceeded, "the upload would exceed the organisation's storage quota")
            : LoreError(.payloadTooLarge, "the upload is larger than \(limit) bytes")
    }
}
