import Foundation

/// Reciprocal rank fusion (Cormack et al. 2009): each list contributes `weight / (k + rank)`
/// for every item it holds; items are ordered by the sum. Robust to the different scales of
/// cosine distances and text ranks, which is why hybrid search uses it.
public struct ReciprocalRankFusion: Sendable {
    public var k: Double
    public var weights: [Double]

    public init(k: Double = 60, weights: [Double]) {
        self.k = k
        self.weights = weights
    }

    public struct Fused<ID: Hashable>: Sendable where ID: Sendable {
        public var id: ID
        public var score: Double
        /// 1-based rank in each input list, nil where absent.
        public var ranks: [Int?]
    }

    public func fuse<ID: Hashable & Sendable>(_ lists: [[ID]]) -> [Fused<ID>] {
        var scores: [ID: Double] = [:]
        var ranks: [ID: [Int?]] = [:]
        var firstSeen: [ID: Int] = [:]
        var order = 0
        for (listIndex, list) in lists.enumerated() {
            let weight = listIndex < weights.count ? weights[listIndex] : 1
            for (position, id) in list.enumerated() {
                scores[id, default: 0] += weight / (k + Double(position + 1))
                ranks[id, default: Array(repeating: nil, count: lists.count)][listIndex] = position + 1
                if firstSeen[id] == nil { firstSeen[id] = order; order += 1 }
            }
        }
        return scores.map { Fused(id: $0.key, score: $0.value, ranks: ranks[$0.key] ?? []) }
            .sorted { a, b in a.score != b.score ? a.score > b.score : firstSeen[a.id]! < firstSeen[b.id]! }
    }
}
