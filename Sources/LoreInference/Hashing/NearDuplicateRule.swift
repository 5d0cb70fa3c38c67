import LoreCore

/// Decides whether two images are near-duplicates from their perceptual hashes.
///
/// Two images match when both Hamming distances of the upright pair (dHash, pHash) are within
/// the thresholds, or both distances of the canonical pair are (rotated or mirrored copies).
/// Low-texture images never match on hashes alone.
///
/// Default thresholds were chosen on the ukbench/imagededup dev set (10 photos, 4 copies of one)
/// plus synthetic copies of each photo; `lore bench phash` prints the distances. Distinct photos
/// stayed at ≥ 13 (dHash) and ≥ 22 (pHash) apart upright, ≥ 17 and ≥ 18 canonically; copies
/// (grey, resized, re-encoded, mirrored, rotated) came within 4 of their original on the family
/// that covers their change. 10 bits leaves a margin on both sides; for 64 random bits that is
/// more than 5 standard deviations below the expected 32.
public struct NearDuplicateRule: Sendable, Equatable, Codable {
    public var maxDHashDistance: Int
    public var maxPHashDistance: Int
    public var maxCanonicalDHashDistance: Int
    public var maxCanonicalPHashDistance: Int

    public init(maxDHashDistance: Int = 10, maxPHashDistance: Int = 10,
                maxCanonicalDHashDistance: Int = 10, maxCanonicalPHashDistance: Int = 10) {
        self.maxDHashDistance = maxDHashDistance
        self.maxPHashDistance = maxPHashDistance
        self.maxCanonicalDHashDistance = maxCanonicalDHashDistance
        self.maxCanonicalPHashDistance = maxCanonicalPHashDistance
    }

    /// How two images compare, hash by hash.
    public struct Comparison: Sendable, Equatable, Codable {
        public var dHashDistance: Int
        public var pHashDistance: Int
        public var canonicalDHashDistance: Int?
        public var canonicalPHashDistance: Int?
        public var lowTexture: Bool
        public var isNearDuplicate: Bool
        /// "upright", "canonical" or nil: which hash family matched.
        public var matchedBy: String?
    }

    public func compare(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Comparison {
        let d = PerceptualHashes.hammingDistance(a.dHash, b.dHash)
        let p = PerceptualHashes.hammingDistance(a.pHash, b.pHash)
        var canonicalD: Int?, canonicalP: Int?
        if let x = a.canonicalDHash, let y = b.canonicalDHash { canonicalD = PerceptualHashes.hammingDistance(x, y) }
        if let x = a.canonicalPHash, let y = b.canonicalPHash { canonicalP = PerceptualHashes.hammingDistance(x, y) }
        let lowTexture = a.lowTexture || b.lowTexture
        var matchedBy: String?
        if !lowTexture {
            if d <= maxDHashDistance && p <= maxPHashDistance {
                matchedBy = "upright"
            } else if let canonicalD, let canonicalP,
                      canonicalD <= maxCanonicalDHashDistance && canonicalP <= maxCanonicalPHashDistance {
                matchedBy = "canonical"
            }
        }
        return Comparison(dHashDistance: d, pHashDistance: p, canonicalDHashDistance: canonicalD,
                          canonicalPHashDistance: canonicalP, lowTexture: lowTexture,
                          isNearDuplicate: matchedBy != nil, matchedBy: matchedBy)
    }

    public func isNearDuplicate(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        compare(a, b).isNearDuplicate
    }
}
