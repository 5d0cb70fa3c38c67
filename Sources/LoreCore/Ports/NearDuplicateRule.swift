/// Decides whether two images are near-duplicates from their perceptual hashes.
///
/// Two images match when both Hamming distances of the upright pair (dHash, pHash) are within
/// the thresholds, or both distances of the canonical pair are (rotated or mirrored copies).
/// Low-texture images never match on hashes alone.
///
/// Default thresholds (10 bits everywhere) were chosen on the ukbench/imagededup dev set
/// (10 photos, 4 copies of one) plus ffmpeg-made copies of every photo (`lore bench phash`):
/// - different photos, all 91 pairs with copies included: upright dHash ≥ 14, pHash ≥ 22;
///   canonical dHash ≥ 12, pHash ≥ 22 (a pair must clear both of a family to match);
/// - copies: resized, squeezed to a square, re-compressed, grey, brightened: upright ≤ 3 / 0;
///   mirrored or turned by 10°–180°: canonical ≤ 6 / 4.
/// 10 leaves a margin on both sides and is more than 5 standard deviations below the 32 bits
/// expected between unrelated 64-bit hashes.
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
