import CBLAS
import Foundation

/// Average-linkage agglomerative clustering of L2-normalised vectors under cosine distance.
///
/// The dendrogram is built with the nearest-neighbour-chain algorithm (O(n²) time, one n × n
/// distance matrix), which is exact for average linkage. It is cut at a distance or at a cluster
/// count. Clusters with fewer than `minimumClusterSize` members are not speakers of their own:
/// a cough, a laugh or a window straddling two voices would otherwise take a cluster of the
/// count, so they are absorbed into the most similar large cluster.
public struct AgglomerativeClustering: Sendable {
    public enum Stop: Sendable, Equatable {
        /// Merge while the average cosine distance between two clusters is at most this.
        case distance(Float)
        /// Produce exactly this many clusters (fewer only when there are fewer vectors).
        case clusterCount(Int)
    }

    /// One step of the dendrogram: clusters represented by `kept` and `absorbed` join at `distance`.
    struct Merge {
        let kept: Int
        let absorbed: Int
        let distance: Float
    }

    public var minimumClusterSize: Int

    public init(minimumClusterSize: Int = 1) {
        self.minimumClusterSize = max(1, minimumClusterSize)
    }

    /// Cluster labels `0..<k` for `vectors`, numbered in order of each cluster's first member.
    public func cluster(_ vectors: [[Float]], stop: Stop) -> [Int] {
        let count = vectors.count
        guard count > 1 else { return [Int](repeating: 0, count: count) }
        let merges = Self.dendrogram(vectors).sorted { $0.distance < $1.distance }
        var minimumSize = minimumClusterSize
        let applied: Int
        switch stop {
        case .distance(let threshold):
            applied = merges.prefix { $0.distance <= threshold }.count
        case .clusterCount(let wanted):
            let target = min(max(1, wanted), count)
            if let prefix = Self.longestPrefix(merges, count: count, keepingLarge: target, minimumSize: minimumSize) {
                applied = prefix
            } else {
                applied = count - target
                minimumSize = 1
            }
        }
        var sets = UnionFind(count)
        for merge in merges.prefix(applied) { sets.union(merge.kept, merge.absorbed) }
        let roots = (0..<count).map { sets.find($0) }
        var sizes: [Int: Int] = [:]
        for root in roots { sizes[root, default: 0] += 1 }
        var large = Set(sizes.filter { $0.value >= minimumSize }.keys)
        if large.isEmpty { large = Set(sizes.keys) }

        // Number large clusters by first member, then absorb the members of small ones.
        var labelOfRoot: [Int: Int] = [:]
        for root in roots where large.contains(root) && labelOfRoot[root] == nil {
            labelOfRoot[root] = labelOfRoot.count
        }
        var labels = roots.map { labelOfRoot[$0] ?? -1 }
        let members = labels.indices.filter { labels[$0] >= 0 }
        let centroids = EmbeddingMath.centroids(members.map { vectors[$0] }, labels: members.map { labels[$0] }, labelCount: labelOfRoot.count)
        for index in labels.indices where labels[index] < 0 {
            labels[index] = EmbeddingMath.nearest(vectors[index], among: centroids)
        }
        return labels
    }

    /// The most merges after which at least `keepingLarge` clusters have `minimumSize` members.
    private static func longestPrefix(_ merges: [Merge], count: Int, keepingLarge target: Int, minimumSize: Int) -> Int? {
        var sets = UnionFind(count)
        var size = [Int](repeating: 1, count: count)
        var large = minimumSize <= 1 ? count : 0
        var best: Int? = large >= target ? 0 : nil
        for (index, merge) in merges.enumerated() {
            let a = sets.find(merge.kept), b = sets.find(merge.absorbed)
            let before = (size[a] >= minimumSize ? 1 : 0) + (size[b] >= minimumSize ? 1 : 0)
            let root = sets.union(a, b)
            size[root] = size[a] + size[b]
            large += (size[root] >= minimumSize ? 1 : 0) - before
            if large >= target { best = index + 1 }
        }
        return best
    }

    /// The average-linkage dendrogram by nearest-neighbour chains (merges in discovery order).
    static func dendrogram(_ vectors: [[Float]]) -> [Merge] {
        let n = vectors.count
        let dimension = vectors.first?.count ?? 0
        var distance = [Float](repeating: 0, count: n * n)
        let flat = vectors.flatMap { $0 }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(dimension),
                    -1, flat, Int32(dimension), flat, Int32(dimension), 0, &distance, Int32(n))
        // 1 − cosine similarity; a non-finite value (it would stall the chain) counts as opposite.
        for i in 0..<(n * n) { distance[i] = distance[i].isFinite ? distance[i] + 1 : 2 }

        var active = [Bool](repeating: true, count: n)
        var size = [Float](repeating: 1, count: n)
        var chain: [Int] = []
        var merges: [Merge] = []
        merges.reserveCapacity(n - 1)
        var nextStart = 0
        while merges.count < n - 1 {
            if chain.isEmpty {
                while !active[nextStart] { nextStart += 1 }
                chain.append(nextStart)
            }
            // Follow nearest neighbours until two clusters are each other's nearest: merge those.
            var a = chain[chain.count - 1]
            var b = chain.count >= 2 ? chain[chain.count - 2] : -1
            while true {
                // Ties go to the previous chain element, which guarantees the chain stops.
                var best = b
                var bestDistance = b >= 0 ? distance[a * n + b] : Float.infinity
                for k in 0..<n where active[k] && k != a && distance[a * n + k] < bestDistance {
                    best = k
                    bestDistance = distance[a * n + k]
                }
                if best == b { break }
                chain.append(best)
                b = a
                a = best
            }
            chain.removeLast(2)
            let joined = distance[a * n + b]
            // Lance–Williams update for average linkage.
            for k in 0..<n where active[k] && k != a && k != b {
                let updated = (size[a] * distance[a * n + k] + size[b] * distance[b * n + k]) / (size[a] + size[b])
                distance[a * n + k] = updated
                distance[k * n + a] = updated
            }
            active[b] = false
            size[a] += size[b]
            merges.append(Merge(kept: a, absorbed: b, distance: joined))
        }
        return merges
    }
}

/// Disjoint sets over `0..<count` with path halving.
struct UnionFind {
    private var parent: [Int]

    init(_ count: Int) {
        parent = Array(0..<count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns the root of the joined set.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Int {
        let rootA = find(a), rootB = find(b)
        if rootA != rootB { parent[rootB] = rootA }
        return rootA
    }
}
