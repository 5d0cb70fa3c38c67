import Foundation

/// Standard ranking metrics over graded relevance judgements (BEIR/TREC conventions).
public enum RetrievalMetrics {
    /// nDCG@k with gains `2^rel − 1` and log2 discounts; judgements of 0 count as non-relevant.
    public static func ndcg(ranked: [String], relevance: [String: Int], k: Int = 10) -> Double {
        var dcg = 0.0
        for (index, id) in ranked.prefix(k).enumerated() {
            let rel = relevance[id] ?? 0
            if rel > 0 { dcg += (pow(2, Double(rel)) - 1) / log2(Double(index) + 2) }
        }
        let ideal = relevance.values.filter { $0 > 0 }.sorted(by: >).prefix(k)
        var idcg = 0.0
        for (index, rel) in ideal.enumerated() { idcg += (pow(2, Double(rel)) - 1) / log2(Double(index) + 2) }
        return idcg > 0 ? dcg / idcg : 0
    }

    /// Fraction of relevant documents found in the top k.
    public static func recall(ranked: [String], relevance: [String: Int], k: Int = 100) -> Double {
        let relevant = Set(relevance.filter { $0.value > 0 }.keys)
        guard !relevant.isEmpty else { return 0 }
        return Double(Set(ranked.prefix(k)).intersection(relevant).count) / Double(relevant.count)
    }

    /// Reciprocal rank of the first relevant document within the top k (0 when none).
    public static func mrr(ranked: [String], relevance: [String: Int], k: Int = 10) -> Double {
        for (index, id) in ranked.prefix(k).enumerated() where (relevance[id] ?? 0) > 0 {
            return 1 / Double(index + 1)
        }
        return 0
    }
}
