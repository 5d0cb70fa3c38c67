import Foundation
import LoreCore

/// An embedder that loads its model on first use, so processes that never embed (most CLI
/// commands) never pay for loading it.
public final class LazyEmbedder: Embedder, Sendable {
    public let model: EmbeddingModel
    private let loaded: Lazy<any Embedder>

    public init(model: EmbeddingModel, load: @escaping @Sendable () throws -> any Embedder) {
        self.model = model
        self.loaded = Lazy(load)
    }

    /// The underlying embedder, loading it now if needed.
    public func resolved() throws -> any Embedder { try loaded.get() }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try await resolved().embed(texts)
    }

    public func embedQuery(_ text: String) async throws -> [Float] {
        try await resolved().embedQuery(text)
    }
}
