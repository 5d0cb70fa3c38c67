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

    /// Global topic centroids shared by all organisations.
    func centroids(count: Int = 512) -> [[Float]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in Self.unit((0..<dimensions).map { _ in Float(random.nextGaussian()) }) }
    }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = (vector.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
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
