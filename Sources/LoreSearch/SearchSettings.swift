import LoreDatabase

/// Tunables of retrieval and fusion. Defaults were chosen on the Cranfield dev collection
/// (see `docs/search.md`).
public struct SearchSettings: Sendable {
    /// RRF's k: larger flattens the advantage of top ranks.
    public var rrfK: Double = 30
    public var vectorWeight: Double = 1.0
    public var keywordWeight: Double = 1.0
    /// How many candidates each retrieval list contributes to fusion (at least).
    public var candidateDepth: Int = 100
    /// Fewer candidates from the vector lists (nil: `candidateDepth`): each one is HNSW work
    /// (`ef_search` is at least this many), where keyword candidates are scored anyway. 50 lost
    /// no nDCG@10 on Cranfield for 10-result requests (0.003 for 20-result ones) and took ~3.5 ms
    /// off the largest organisations' searches (docs/search.md).
    public var vectorCandidateDepth: Int? = 50
    /// HNSW candidate list size for dedicated routes until it is measured on the organisation's
    /// vectors (`SearchIndexManager.tuneEfSearch`): `efSearch` up to 50,000 rows, then growing
    /// with the organisation (one per `efSearchRowsPerCandidate` rows) up to `efSearchMax` — a
    /// graph over more rows needs a longer list for the same recall.
    public var efSearch: Int = 100
    public var efSearchRowsPerCandidate: Int64 = 500
    public var efSearchMax: Int = 400
    /// How many fused results the re-ranker sees.
    public var rerankDepth: Int = 50
    /// BM25 parameters, the identifier bonus and the cost bounds of keyword search.
    public var keywordRanking = KeywordRanking()
    /// Hits kept beside the best one per media item when grouping.
    public var relatedPerMedia: Int = 3

    public init() {}

    /// The HNSW candidate list size for an organisation of `rows` chunks.
    public func efSearch(rows: Int64) -> Int {
        min(efSearchMax, max(efSearch, Int(rows / max(efSearchRowsPerCandidate, 1))))
    }

    /// The list measured on the organisation's own vectors when there is one, else the size rule.
    public func efSearch(for profile: SearchProfile) -> Int {
        profile.efSearch ?? efSearch(rows: profile.chunkCount)
    }
}
