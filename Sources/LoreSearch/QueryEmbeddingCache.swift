import Foundation
import LoreCore
import Synchronization

/// Recently embedded queries (per model), so a repeated query costs no model time. Least
/// recently used entries go first.
public final class QueryEmbeddingCache: Sendable {
    private struct State {
        var entries: [String: (vector: [Float], tick: UInt64)] = [:]
        var tick: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = capacity }

    public func embedding(for query: String, with embedder: any Embedder) async throws -> [Float] {
        let key = embedder.model.name + "\u{0}" + query
        let cached: [Float]? = state.withLock { state in
            state.tick += 1
            guard var entry = state.entries[key] else { state.misses += 1; return nil }
            state.hits += 1
            entry.tick = state.tick
            state.entries[key] = entry
            return entry.vector
        }
        if let cached { return cached }
        let vector = try await embedder.embedQuery(query)
        state.withLock { state in
            if state.entries.count >= capacity {
                // Drop the oldest tenth at once so eviction is rare.
                let victims = state.entries.sorted { $0.value.tick < $1.value.tick }.prefix(max(1, capacity / 10))
                for victim in victims { state.entries.removeValue(forKey: victim.key) }
            }
            state.tick += 1
            state.entries[key] = (vector, state.tick)
        }
        return vector
    }

    public var hitRate: Double {
        state.withLock { $0.hits + $0.misses == 0 ? 0 : Double($0.hits) / Double($0.hits + $0.misses) }
    }
}
