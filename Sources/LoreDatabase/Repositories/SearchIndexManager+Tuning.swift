import Foundation
import LoreCore
import PostgresNIO

/// Measures each dedicated organisation's HNSW candidate list (`hnsw.ef_search`) on its own
/// vectors rather than guessing it from its size: how long a list must be for a given recall
/// depends on how the vectors lie (40 finds 98 % of the true top 10 on vectors like real MiniLM
/// passages; the isotropic worst case needs 400 or more), and a longer list than needed costs
/// every search of that organisation (200,000 chunks: 1.3 ms of server time at 40, 5.7 at 400).
extension SearchIndexManager {
    /// Candidate list sizes tried, smallest first.
    public static let efSearchCandidates = [40, 64, 100, 160, 250, 400, 640, 1_000]
    /// Mean recall@10 against an exact scan that the chosen list must reach.
    public static let efSearchTargetRecall = 0.98
    /// The share of the sample's queries, the worst ones, left out of that mean. A rare query
    /// whose neighbours the graph barely reaches from its entry point needs a list of 640 or
    /// 1,000, and one such query in 24 sank the mean below the target at every shorter list:
    /// re-measuring the scale benchmark's five largest organisations three times gave one of them
    /// 160, 640 and 40 (400 before), another 40, 1,000 and 64, and a long list costs every
    /// search of that organisation (big class p95 13.6 ms with 400 for all, 5.4 with 40) for a
    /// recall the benchmark's queries already had at 40 (0.986). More than one poor query in 24
    /// still counts against the list.
    public static let efSearchOutlierShare = 1.0 / 24

    public struct Tuning: Sendable, Equatable {
        public var efSearch: Int
        /// Mean recall@10 of the sample at that list size, without its worst queries
        /// (`efSearchOutlierShare`).
        public var recall: Double
        public var queries: Int
    }

    /// Dedicated organisations whose list was never measured, or was measured at less than
    /// half or more than twice their size today.
    public func pendingTuning() async throws -> [ProfileKey] {
        try await profiles("""
            WHERE route = 'dedicated' AND chunk_count > 0
              AND (ef_search IS NULL OR chunk_count > 2 * ef_search_rows OR 2 * chunk_count < ef_search_rows)
            """)
    }

    /// Finds the smallest candidate list whose recall@10 reaches the target on `samples`
    /// queries (all but the worst few, `efSearchOutlierShare`), and stores it in the
    /// organisation's search profile. Each query is a random chunk of the organisation moved in
    /// a random direction by its distance to its nearest other chunk: about as far from the
    /// data as a new chunk, and not a node of the graph.
    /// (A chunk's own vector leads the search straight to its node, whose links are its true
    /// neighbours; a midpoint between two near chunks sits almost on both: on the isotropic
    /// worst case either asked for 40 where fresh queries needed 250 or more. Midpoints of
    /// random pairs fell between topics and asked for up to 1,000 where 40 served.) The truth
    /// is an exact scan. Runs against the dedicated indexes, so only after they are built.
    @discardableResult
    public func tuneEfSearch(org: OrgID, model: String, strategy: EmbeddingStrategy, samples: Int = 48) async throws -> Tuning {
        let column = VectorText.column(strategy)
        let seeds = try await database.withOrg(org) { tx in
            var sql = SQLBuilder()
            // Vectors become text only for the sample, not for every row the sort sees.
            sql.raw("SELECT v::text FROM (SELECT \(column.name) AS v FROM lore.chunks WHERE org_id = ")
            sql.bind(org.uuid)
            sql.raw(" AND embedding_model = ")
            sql.bind(model)
            sql.raw(" AND \(column.name) IS NOT NULL ORDER BY random() LIMIT ")
            sql.bind(samples)
            sql.raw(") sample")
            var result: [[Float]] = []
            for try await text in try await tx.query(sql.query).decode(String.self) { result.append(VectorText.decode(text)) }
            return result
        }
        let exact: @Sendable ([Float], Int) async throws -> [ChunkCandidate] = { vector, limit in
            try await self.database.withOrg(org) { tx in
                try await tx.nearestChunks(model: model, strategy: strategy, vector: vector, route: .exact, filters: SearchFilters(), limit: limit)
            }
        }
        var queries: [[Float]] = [], truths: [[UUID]] = []
        var random = SystemRandomNumberGenerator()
        for seed in seeds {
            // The seed itself is first, its nearest other chunk second (cosine distance: for
            // unit vectors the straight-line distance is √(2·d)).
            let near = try await exact(seed, 2)
            guard near.count == 2 else { continue }
            let query = Self.moved(seed, by: (2 * max(near[1].score, 0)).squareRoot(), random: &random)
            queries.append(query)
            truths.append(try await exact(query, 10).map(\.id))
        }
        var measured: [(ef: Int, recall: Double)] = []
        for ef in Self.efSearchCandidates {
            var recalls: [Double] = []
            for (query, truth) in zip(queries, truths) {
                let found = try await database.withOrg(org, settings: .vectorSearch(route: .dedicated, efSearch: ef, limit: 10)) { tx in
                    try await tx.nearestChunks(model: model, strategy: strategy, vector: query, route: .dedicated, filters: SearchFilters(),
                                               limit: 10, efSearch: ef).map(\.id)
                }
                recalls.append(Self.recall(found, against: truth))
            }
            measured.append((ef, Self.meanWithoutOutliers(recalls)))
            if measured.last!.recall >= Self.efSearchTargetRecall { break }
        }
        let chosen = Self.choose(measured, target: Self.efSearchTargetRecall)
        try await database.withOrg(org) { tx in
            try await tx.query("""
                UPDATE search_profiles SET ef_search = \(chosen.ef), ef_search_rows = chunk_count, updated_at = now()
                 WHERE embedding_model = \(model)
                """)
        }
        return Tuning(efSearch: chosen.ef, recall: chosen.recall, queries: queries.count)
    }

    /// The share of the exact answer `truth` that `found` holds (1 when there is none).
    public static func recall(_ found: [UUID], against truth: [UUID]) -> Double {
        truth.isEmpty ? 1 : Double(Set(found).intersection(truth).count) / Double(truth.count)
    }

    /// The mean of `recalls` without the worst `efSearchOutlierShare` of them (none below 24
    /// queries); 1 for no queries.
    static func meanWithoutOutliers(_ recalls: [Double]) -> Double {
        let kept = recalls.sorted().dropFirst(Int(Double(recalls.count) * efSearchOutlierShare))
        return kept.isEmpty ? 1 : kept.reduce(0, +) / Double(kept.count)
    }

    /// `vector` moved by `distance` in a random direction (Gaussian, so every direction alike).
    static func moved<R: RandomNumberGenerator>(_ vector: [Float], by distance: Double, random: inout R) -> [Float] {
        let direction = (0..<vector.count).map { _ -> Double in
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return vector }
        return zip(vector, direction).map { $0 + Float(distance * $1 / norm) }
    }

    /// The smallest list whose recall reaches `target`, else the one with the best recall
    /// (the longest, on ties).
    static func choose(_ measured: [(ef: Int, recall: Double)], target: Double) -> (ef: Int, recall: Double) {
        if let enough = measured.filter({ $0.recall >= target }).min(by: { $0.ef < $1.ef }) { return enough }
        return measured.max { ($0.recall, $0.ef) < ($1.recall, $1.ef) } ?? (efSearchCandidates.last!, 0)
    }
}
