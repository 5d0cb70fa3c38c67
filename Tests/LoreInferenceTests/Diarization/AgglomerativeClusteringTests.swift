import Foundation
import Testing
@testable import LoreInference

@Suite struct AgglomerativeClusteringTests {
    /// Deterministic pseudo-random unit vectors around `centers` (a linear congruential generator).
    private func points(centers: Int, perCenter: [Int], dimension: Int = 16, spread: Float = 0.35, seed: UInt64 = 7) -> [[Float]] {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) * 2 - 1
        }
        let middles = (0..<centers).map { _ in EmbeddingMath.normalized((0..<dimension).map { _ in next() }) }
        var result: [[Float]] = []
        for (c, count) in perCenter.enumerated() {
            for _ in 0..<count {
                result.append(EmbeddingMath.normalized(middles[c].map { $0 + spread * next() }))
            }
        }
        return result
    }

    /// Naive average linkage (O(n³)) to check the nearest-neighbour chain against.
    private func naivePartition(_ vectors: [[Float]], threshold: Float) -> [Set<Int>] {
        var clusters = vectors.indices.map { Set([$0]) }
        func distance(_ a: Set<Int>, _ b: Set<Int>) -> Float {
            var sum: Float = 0
            for i in a { for j in b { sum += 1 - EmbeddingMath.dot(vectors[i], vectors[j]) } }
            return sum / Float(a.count * b.count)
        }
        while clusters.count > 1 {
            var best = (0, 1, Float.infinity)
            for i in clusters.indices { for j in clusters.indices where j > i {
                let d = distance(clusters[i], clusters[j])
                if d < best.2 { best = (i, j, d) }
            } }
            if best.2 > threshold { break }
            clusters[best.0].formUnion(clusters[best.1])
            clusters.remove(at: best.1)
        }
        return clusters
    }

    private func partition(_ labels: [Int]) -> Set<Set<Int>> {
        Set(Dictionary(grouping: labels.indices, by: { labels[$0] }).values.map(Set.init))
    }

    @Test func nearestNeighbourChainMatchesNaiveAverageLinkage() {
        let vectors = points(centers: 4, perCenter: [9, 7, 5, 3], spread: 0.6)
        let clustering = AgglomerativeClustering()
        for threshold: Float in [0.05, 0.2, 0.4, 0.6, 0.9, 1.2] {
            let fast = partition(clustering.cluster(vectors, stop: .distance(threshold)))
            let slow = Set(naivePartition(vectors, threshold: threshold))
            #expect(fast == slow, "threshold \(threshold)")
        }
    }

    @Test func cutsAtACountAndNumbersByFirstMember() {
        let vectors = points(centers: 3, perCenter: [6, 6, 6], spread: 0.2)
        let labels = AgglomerativeClustering().cluster(vectors, stop: .clusterCount(3))
        #expect(labels == [Int](repeating: 0, count: 6) + [Int](repeating: 1, count: 6) + [Int](repeating: 2, count: 6))
        #expect(Set(AgglomerativeClustering().cluster(vectors, stop: .clusterCount(1))) == [0])
        #expect(AgglomerativeClustering().cluster(Array(vectors.prefix(2)), stop: .clusterCount(5)) == [0, 1])
        #expect(AgglomerativeClustering().cluster([], stop: .clusterCount(2)) == [])
    }

    @Test func smallClustersAreAbsorbedNotCounted() {
        // Two real groups of 8 and one stray group of 2 far from both.
        let vectors = points(centers: 3, perCenter: [8, 8, 2], spread: 0.2)
        let plain = AgglomerativeClustering().cluster(vectors, stop: .clusterCount(2))
        #expect(Set(plain[0..<16]).count == 1)  // without a minimum size the strays take a cluster
        let sized = AgglomerativeClustering(minimumClusterSize: 3)
        let labels = sized.cluster(vectors, stop: .clusterCount(2))
        #expect(Set(labels[0..<8]) == [0] && Set(labels[8..<16]) == [1])
        let byDistance = sized.cluster(vectors, stop: .distance(0.3))
        #expect(Set(byDistance).count == 2)
    }
}
