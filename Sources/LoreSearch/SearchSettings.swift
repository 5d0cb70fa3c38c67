/// Tunables of retrieval and fusion. Defaults were chosen on the Cranfield dev collection
/// (see `docs/search.md`).
public struct SearchSettings: Sendable {
    /// RRF's k: larger flattens the advantage of top ranks.
    public var rrfK: Double = 60
    public var vectorWeight: Double = 1.0
    public var keywordWeight: Double = 1.0
    /// How many candidates each retrieval list contributes to fusion (at least).
    public var candidateDepth: Int = 100
    /// HNSW candidate list size for dedicated and iterative routes.
    public var efSearch: Int = 100
    /// How many fused results the re-ranker sees.
    public var rerankDepth: Int = 50
    /// Rank bonus per exactly matched identifier token (PPR-9087, v2.3.1) in keyword search.
    public var identifierWeight: Double = 0.5
    /// Hits kept beside the best one per media item when grouping.
    public var relatedPerMedia: Int = 3

    public init() {}
}
