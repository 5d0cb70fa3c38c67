import Foundation
import LoreCore

/// Synthetic chunks for the scale benchmark: organisations of skewed sizes (one holds 20 % of
/// all chunks, the rest follow a Zipf-like long tail), each chunk a unit vector near one of its
/// organisation's topic centroids, with generated English-like text.
struct ScaleDataset: Sendable {
    let chunks: Int
    let orgs: Int
    let dimensions = 384
    let seed: UInt64
    var distribution: VectorDistribution = .realistic

    /// Chunks per organisation, largest first; sums to `chunks`.
    func organisationSizes() -> [Int] {
        let big = chunks / 5
        let rest = chunks - big
        let weights = (1..<orgs).map { 1 / pow(Double($0), 1.1) }
        let total = weights.reduce(0, +)
        var sizes = weights.map { max(1, Int((Double(rest) * $0 / total).rounded(.down))) }
        var remainder = rest - sizes.reduce(0, +)
        var index = 0
        while remainder > 0 { sizes[index % sizes.count] += 1; remainder -= 1; index += 1 }
        while remainder < 0 {
            if sizes[index % sizes.count] > 1 { sizes[index % sizes.count] -= 1; remainder += 1 }
            index += 1
        }
        return [big] + sizes
    }

    static let syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "sul", "pre", "dan", "qui", "ber", "nox", "te", "li", "gor", "fa", "mun", "ste", "ri", "op"]

    /// A deterministic pseudo-word for an index (a vocabulary of 20³ = 8,000 words).
    static func word(_ index: Int) -> String {
        syllables[index % 20] + syllables[(index / 20) % 20] + syllables[(index / 400) % 20]
    }

    static let topics = 512

    /// The generator of this data set's vectors (deterministic for its seed).
    func vectors() -> VectorGenerator { VectorGenerator(distribution: distribution, dimensions: dimensions, topics: Self.topics, seed: seed) }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = (vector.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}

/// How chunk vectors spread around their topic's centroid.
enum VectorDistribution: String, CaseIterable, Codable, Sendable {
    /// Variation along a few directions per topic plus a little noise in all of them: calibrated
    /// against MiniLM vectors of real passages (Cranfield's 1,400 abstracts cut into 4,807
    /// 60-word passages: local intrinsic dimension at k = 10 is 15, mean/nearest distance 1.68,
    /// 100th/10th nearest 1.134; these vectors, 4,807 in 4 topics: 21, 1.68, 1.142 — a little
    /// harder than the real ones).
    case realistic
    /// Noise of equal size in every one of the 384 directions (local intrinsic dimension ~90,
    /// 100th/10th nearest 1.03–1.05): the worst case for approximate search, where the true
    /// top 10 are barely nearer than the next 90. Earlier runs used only this.
    case isotropic
}

/// Unit vectors near topic centroids (`VectorDistribution`).
struct VectorGenerator: Sendable {
    let distribution: VectorDistribution
    let dimensions: Int
    let centroids: [[Float]]
    /// Per topic, `rank` directions of its variation (realistic only), each of norm ~1.
    let directions: [[[Float]]]
    static let rank = 24
    static let directionSpread = 1.6
    static let noiseSpread = 0.5
    static let isotropicSpread = 0.6

    init(distribution: VectorDistribution, dimensions: Int, topics: Int, seed: UInt64) {
        self.distribution = distribution
        self.dimensions = dimensions
        var random = SplitMix64(seed: seed)
        centroids = (0..<topics).map { _ in ScaleDataset.unit((0..<dimensions).map { _ in Float(random.nextGaussian()) }) }
        let scale = 1 / Double(dimensions).squareRoot()
        directions = distribution == .isotropic ? [] : (0..<topics).map { _ in
            (0..<Self.rank).map { _ in (0..<dimensions).map { _ in Float(random.nextGaussian() * scale) } }
        }
    }

    /// A vector near `topic`'s centroid.
    func vector(topic: Int, random: inout SplitMix64) -> [Float] {
        var vector = centroids[topic]
        let noise: Double
        switch distribution {
        case .isotropic:
            noise = Self.isotropicSpread
        case .realistic:
            noise = Self.noiseSpread
            let weight = Self.directionSpread / Double(Self.rank).squareRoot()
            for direction in directions[topic] {
                let z = Float(random.nextGaussian() * weight)
                for index in 0..<dimensions { vector[index] += z * direction[index] }
            }
        }
        let scale = noise / Double(dimensions).squareRoot()
        for index in 0..<dimensions { vector[index] += Float(random.nextGaussian() * scale) }
        return ScaleDataset.unit(vector)
    }
}

/// A small, fast, seedable generator (SplitMix64) so every run builds the same data.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    mutating func nextGaussian() -> Double {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-12)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    mutating func nextInt(_ upper: Int) -> Int { Int(next() % UInt64(upper)) }
}

/// How hard nearest-neighbour search is on a set of vectors, in the measures the
/// `VectorDistribution` calibration used (medians over the queries, k = 10).
struct NeighbourStructure: Codable, Sendable {
    /// Local intrinsic dimension (Levina–Bickel maximum likelihood over the 10 nearest).
    var intrinsicDimension: Double
    /// Mean distance to all points over the distance to the nearest.
    var relativeContrast: Double
    /// The 100th nearest's distance over the 10th's: near 1, the true top 10 barely stand out.
    var hundredthOverTenth: Double

    /// Measured on `points` vectors in `topics` topics and 300 queries from the same distribution.
    static func measure(_ generator: VectorGenerator, points: Int = 4_807, topics: Int = 4, seed: UInt64 = 7) -> NeighbourStructure {
        var random = SplitMix64(seed: seed)
        let chosen = (0..<topics).map { _ in random.nextInt(generator.centroids.count) }
        let sample = (0..<(points + 300)).map { _ in generator.vector(topic: chosen[random.nextInt(topics)], random: &random) }
        var dimensions: [Double] = [], contrasts: [Double] = [], gaps: [Double] = []
        for query in sample[points...] {
            var distances = sample[..<points].map { point -> Double in
                var dot: Float = 0
                for index in 0..<point.count { dot += point[index] * query[index] }
                return max(0, 2 - 2 * Double(dot)).squareRoot()
            }
            let mean = distances.reduce(0, +) / Double(points)
            distances.sort()
            let tenth = distances[9]
            let logs = distances[0..<9].map { log(max($0, 1e-12) / tenth) }
            dimensions.append(-Double(logs.count) / logs.reduce(0, +))
            contrasts.append(mean / max(distances[0], 1e-12))
            gaps.append(distances[99] / tenth)
        }
        return NeighbourStructure(intrinsicDimension: ScaleBenchmark.percentile(dimensions, 0.5),
                                  relativeContrast: ScaleBenchmark.percentile(contrasts, 0.5),
                                  hundredthOverTenth: ScaleBenchmark.percentile(gaps, 0.5))
    }
}
