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

    public struct Outcome: Sendable {
        public var chunks: Int
        public var cacheHits: Int
        public var embedded: Int
    }

    public func index(org: OrgID, media: MediaID, stage: String, drafts: [ChunkDraft],
                      embedder: any Embedder, strategy: EmbeddingStrategy) async throws -> Outcome {
        let model = embedder.model.name
        let keys = drafts.map { Self.cacheKey($0.content) }
        let cached = try await database.withOrg(org) { tx in try await tx.cachedEmbeddings(model: model, keys: Array(Set(keys))) }
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
        let freshEntries = fresh.map { ($0.key, $0.value) }
        try await database.withOrg(org) { tx in
            try await tx.storeEmbeddings(model: model, freshEntries)
            try await tx.replaceChunks(media: media, stage: stage, drafts: drafts, embeddings: embeddings)
        }
        let hits = keys.filter { cached[$0] != nil }.count
        return Outcome(chunks: drafts.count, cacheHits: hits, embedded: fresh.count)
    }

    /// sha256 of the text in NFC with whitespace collapsed: identical content, identical key.
    static func cacheKey(_ text: String) -> [UInt8] {
        let normalised = text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Array(SHA256.hash(data: Data(normalised.utf8)))
    }
}
