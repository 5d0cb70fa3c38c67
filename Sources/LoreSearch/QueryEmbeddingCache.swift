import Foundation
import LoreCore

/// Recently embedded queries (per model), so a repeated query costs no model time. Least
/// recently used entries go first.
public final class QueryEmbeddingCache: Sendable {
    private let entries: RecentlyUsed<String, [Float]>

    public init(capacity: Int = 10_000) { entries = RecentlyUsed(capacity: capacity) }

    public func embedding(for query: String, with embedder: any Embedder) async throws -> [Float] {
        let key = embedder.model.name + "\u{0}" + query
        if let cached = entries[key] { return cached }
        let vector = try await embedder.embedQuery(query)
        entries.set(vector, for: key)
        return vector
    }
}
