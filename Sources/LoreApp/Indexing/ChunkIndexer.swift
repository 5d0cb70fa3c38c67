import Foundation
import Logging
import LoreCore
import LoreDatabase

/// Embeds chunk drafts (through the organisation's embedding cache) and stores them as one
/// stage's chunks of a media item, replacing what that stage stored before.
public struct ChunkIndexer: Sendable {
    let database: Database
    let logger: Logger

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Chunks with their vectors, ready to be written in a transaction of the caller's choice.
    public struct Prepared: Sendable {
        public var drafts: [ChunkDraft]
        public var embeddings: [ChunkEmbedding?]
        /// Vectors computed now (to add to the organisation's cache).
        var fresh: [([UInt8], [Float])]
        public var model: String
        public var cacheHits: Int
        public var embedded: Int { fresh.count }
    }

    /// Embeds `drafts` with `embedder`, taking what it can from the organisation's cache.
    public func prepare(org: OrgID, drafts: [ChunkDraft], embedder: any Embedder, strategy: EmbeddingStrategy) async throws -> Prepared {
        let model = embedder.model.name
        let found = try await OrganizationEmbeddingCache(database: database, org: org, embedder: embedder).lookup(drafts.map(\.content))
        let embeddings = found.vectors.map { ChunkEmbedding(strategy: strategy, model: model, vector: $0) }
        return Prepared(drafts: drafts, embeddings: embeddings, fresh: found.fresh, model: model, cacheHits: found.hits)
    }

    /// `embedder` behind the organisation's cache, storing what it computes right away.
    public func caching(_ embedder: any Embedder, org: OrgID) -> any Embedder {
        CachingEmbedder(cache: OrganizationEmbeddingCache(database: database, org: org, embedder: embedder))
    }

    /// Stores prepared chunks as one stage's chunks of a media item (replacing that stage's
    /// previous chunks) and caches the new vectors, inside the caller's transaction.
    public func write(_ prepared: Prepared, media: MediaID, stage: String, in tx: TenantTransaction) async throws {
        try await tx.storeEmbeddings(model: prepared.model, prepared.fresh)
        try await tx.replaceChunks(media: media, stage: stage, drafts: prepared.drafts, embeddings: prepared.embeddings)
    }
}
