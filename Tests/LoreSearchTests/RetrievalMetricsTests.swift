import Foundation
import Testing
@testable import LoreSearch

@Suite struct RetrievalMetricsTests {
    @Test func ndcgMatchesHandComputedValues() {
        let relevance = ["a": 3, "b": 1, "c": 0]
        #expect(abs(RetrievalMetrics.ndcg(ranked: ["a", "b", "x"], relevance: relevance) - 1.0) < 1e-12)
        // b first, a second: DCG = 1/1 + 7/log2(3); IDCG = 7/1 + 1/log2(3)
        let expected = (1 + 7 / log2(3.0)) / (7 + 1 / log2(3.0))
        #expect(abs(RetrievalMetrics.ndcg(ranked: ["b", "a"], relevance: relevance) - expected) < 1e-12)
        #expect(RetrievalMetrics.ndcg(ranked: ["x", "y"], relevance: relevance) == 0)
    }

    @Test func recallAndMRR() {
        let relevance = ["a": 2, "b": 1, "c": 1, "z": 0]
        #expect(abs(RetrievalMetrics.recall(ranked: ["x", "a", "c"], relevance: relevance, k: 100) - 2.0 / 3.0) < 1e-12)
        #expect(RetrievalMetrics.mrr(ranked: ["x", "z", "c"], relevance: relevance) == 1.0 / 3.0)
        #expect(RetrievalMetrics.mrr(ranked: ["x"], relevance: relevance) == 0)
    }

    @Test func fusionRewardsAgreement() {
        let fused = ReciprocalRankFusion(k: 60, weights: [1, 1]).fuse([["a", "b", "c"], ["c", "a", "d"]])
        #expect(fused.map(\.id).prefix(2) == ["a", "c"])
        #expect(fused.first { $0.id == "d" }?.ranks == [nil, 3])
        let weighted = ReciprocalRankFusion(k: 60, weights: [0, 1]).fuse([["a"], ["b"]])
        #expect(weighted.first?.id == "b")
    }
}
