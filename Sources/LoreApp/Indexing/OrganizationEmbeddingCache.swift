import Crypto
import Foundation
import LoreCore
import LoreDatabase
import Metrics

/// One organisation's embedding cache in front of an embedder: vectors keyed by (model, sha256
/// of the normalised text), so re-ingesting identical content costs no model time and no
/// provider tokens. Lookups count into `lore_embedding_cache_lookups_total{result}` (hit rate).
struct OrganizationEmbeddingCache: Sendable {
    let database: Database
    let org: OrgID
    let embedder: any Embedder

    struct Lookup: Sendable {
        /// One vector per text, in order.
        var vectors: [[Float]]
        /// Vectors computed now (not yet stored in the cache).
        var fresh: [([UInt8], [Float])]
        var hits: Int
    }

    /// Vectors for `texts`, from the cache where present; each distinct missing text is embedded once.
    func lookup(_ texts: [String]) async throws -> Lookup {
        let model = embedder.model.name
        let keys = texts.map(Self.key)
        let cached = keys.isEmpty ? [:] : try await database.withOrg(org) { tx in try await tx.cachedEmbeddings(model: model, keys: Array(Set(keys))) }
        var missingTexts: [[UInt8]: String] = [:]
        for (text, key) in zip(texts, keys) where cached[key] == nil { missingTexts[key] = text }
        let missing = Array(missingTexts)
        var fresh: [[UInt8]: [Float]] = [:]
        if !missing.isEmpty {
            let vectors = try await embedder.embed(missing.map(\.value))
            guard vectors.count == missing.count, vectors.allSatisfy({ $0.count == embedder.model.dimensions }) else {
                throw LoreError(.upstreamError, "the embedding model returned \(vectors.count) vectors for \(missing.count) texts")
            }
            for (entry, vector) in zip(missing, vectors) { fresh[entry.key] = vector }
        }
        let hits = keys.filter { cached[$0] != nil }.count
        Counter(label: "lore_embedding_cache_lookups_total", dimensions: [("result", "hit")]).increment(by: hits)
        Counter(label: "lore_embedding_cache_lookups_total", dimensions: [("result", "miss")]).increment(by: keys.count - hits)
        return Lookup(vectors: keys.map { cached[$0] ?? fresh[$0] ?? [] }, fresh: fresh.map { ($0.key, $0.value) }, hits: hits)
    }

    /// sha256 of the text in NFC with whitespace collapsed: identical content, identical key.
    static func key(_ text: String) -> [UInt8] {
        let normalised = text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Array(SHA256.hash(data: Data(normalised.utf8)))
    }
}

/// The cache as an `Embedder` that stores new vectors at once, for embeddings made outside a
/// stage's completing transaction (the sentences semantic chunking compares).
struct CachingEmbedder: Embedder {
    let cache: OrganizationEmbeddingCache

    var model: EmbeddingModel { cache.embedder.model }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        let found = try await cache.lookup(texts)
        if !found.fresh.isEmpty {
            let model = cache.embedder.model.name
            try await cache.database.withOrg(cache.org) { tx in try await tx.storeEmbeddings(model: model, found.fresh) }
        }
        return found.vectors
    }
}
