/// How chunks of one organisation are embedded. The choice is recorded per chunk so that search
/// always embeds the query with the model that indexed the chunk.
public enum EmbeddingStrategy: String, Sendable, Codable, CaseIterable {
    /// Local all-MiniLM-L6-v2, 384 dimensions, stored as `vector(384)`.
    case lightweight
    /// A remote 1536-d model (for example `text-embedding-3-small`), stored as `vector(1536)`.
    case standard
    /// A remote 3072-d model (for example `text-embedding-3-large`), stored as `halfvec(3072)`.
    case highQuality = "high_quality"

    public var dimensions: Int {
        switch self {
        case .lightweight: return 384
        case .standard: return 1536
        case .highQuality: return 3072
        }
    }
}

/// Identity of an embedding model: two vectors are comparable only if their `EmbeddingModel`s are equal.
public struct EmbeddingModel: Sendable, Hashable, Codable {
    public var name: String
    public var dimensions: Int
    public init(name: String, dimensions: Int) {
        self.name = name
        self.dimensions = dimensions
    }
}

/// Turns texts into unit-length vectors. Implementations: local MiniLM (`LoreInference`),
/// OpenAI-compatible HTTP (`LoreProviders`).
public protocol Embedder: Sendable {
    var model: EmbeddingModel { get }
    /// Embeds every text; the result has one vector of `model.dimensions` floats per input, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
    /// Embeds a search query. An implementation may trade a little precision for speed here
    /// (the local MiniLM uses int8 or bfloat16 products when the CPU has them); by default it is `embed`.
    func embedQuery(_ text: String) async throws -> [Float]
}

extension Embedder {
    public func embedQuery(_ text: String) async throws -> [Float] {
        guard let vector = try await embed([text]).first else {
            throw LoreError(.upstreamError, "the embedding model \(model.name) returned no vector for the query")
        }
        return vector
    }
}
