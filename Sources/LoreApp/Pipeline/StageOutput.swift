import LoreCore
import LoreDatabase

/// What one stage produced: chunks to embed and index, its own records, facts about the media.
public struct StageOutput: Sendable {
    public var drafts: [ChunkDraft]
    /// Writes the stage's own records (transcript, frames, tables…) in the completing transaction.
    public var write: @Sendable (TenantTransaction) async throws -> Void
    public var language: String?
    public var durationSeconds: Double?
    public var details: [String: String]

    public init(drafts: [ChunkDraft], language: String? = nil, durationSeconds: Double? = nil, details: [String: String] = [:],
                write: @escaping @Sendable (TenantTransaction) async throws -> Void = { _ in }) {
        self.drafts = drafts
        self.write = write
        self.language = language
        self.durationSeconds = durationSeconds
        self.details = details
    }
}
