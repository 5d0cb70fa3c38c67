import LoreCore

public extension ErrorCode {
    /// A model file is missing from the tools folder (run `scripts/setup`).
    static let modelMissing = ErrorCode("model_missing", .unavailable)
    /// A model file exists but is damaged: truncated, malformed header, out-of-bounds tensor.
    static let modelCorrupt = ErrorCode("model_corrupt", .unavailable)
    /// A model file's sha256 differs from the pinned one.
    static let modelChecksumMismatch = ErrorCode("model_checksum_mismatch", .unavailable)
}
