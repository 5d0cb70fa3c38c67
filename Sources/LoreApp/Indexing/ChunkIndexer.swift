import Crypto
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
        let keys = drafts.map { Self.cacheKey($0.content) }
        let cached = keys.isEmpty ? [:] : try await database.withOrg(org) { tx in try await tx.cachedEmbeddings(model: model, keys: Array(Set(keys))) }
        // Embed each distinct missing text once.
        var missingTexts: [[UInt8]: String] = [:]
        for (draft, key) in zip(drafts, keys) where cached[key] == nil { missingTexts[key] = draft.content }
        let missing = Array(missingTexts)
        var fresh: [[UInt8]: [Float]] = [:]
        if !missing.isEmpty {
            let vectors = try await embedder.embed(missing.map(\.value))
            guard vectors.count == missing.count, vectors.allSatisfy({ $0.count == embedder.model.dimensions }) else {
                throw LoreError(.upstreamError, "the embedding model returned \(vectors.count) vectors for \(missing.count) texts")
            }
            for (entry, vector) in zip(missing, vectors) { fresh[entry.key] = vector }
        }
        let embeddings = keys.map { key -> ChunkEmbedding? in
            (cached[key] ?? fresh[key]).map { ChunkEmbedding(strategy: strategy, model: model, vector: $0) }
        }
        return Prepared(drafts: drafts, embeddings: embeddings, fresh: fresh.map { ($0.key, $0.value) }, model: model,
                        cacheHits: keys.filter { cached[$0] != nil }.count)
    }

    /// Stores prepared chunks as one stage's chunks of a media item (replacing that stage's
    /// previous chunks) and caches the new vectors, inside the caller's transaction.
    public func write(_ prepared: Prepared, media: MediaID, stage: String, in tx: TenantTransaction) async throws {
        try await tx.storeEmbeddings(model: prepared.model, prepared.fresh)
        try await tx.replaceChunks(media: media, stage: stage, drafts: prepared.drafts, embeddings: prepared.embeddings)
    }

    /// sha256 of the text in NFC with whitespace collapsed: identical content, identical key.
    static func cacheKey(_ text: String) -> [UInt8] {
        let normalised = text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Array(SHA256.hash(data: Data(normalised.utf8)))
    }
}
