/// Re-orders the top results of a search by a stronger relevance model.
/// Implementations: none (keep the fused order), a Cohere-compatible `/rerank` HTTP provider,
/// later a local cross-encoder.
public protocol Reranker: Sendable {
    var name: String { get }
    /// One relevance score per document (higher is more relevant), in input order.
    func rerank(query: String, documents: [String]) async throws -> [Double]
}
