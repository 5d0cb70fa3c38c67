/// 64-bit perceptual hashes of one image.
public struct PerceptualHashes: Sendable, Hashable, Codable {
    public var dHash: UInt64
    public var pHash: UInt64
    /// dHash and pHash of the image's central disc after turning it to a canonical orientation
    /// and mirror state, so rotated and mirrored copies hash alike; nil when a hasher does not
    /// compute them. The upright `dHash`/`pHash` stay the primary, textbook hashes.
    public var canonicalDHash: UInt64?
    public var canonicalPHash: UInt64?
    /// True when the image has too little texture for its hashes to mean much (blank slides,
    /// flat colours); such images are never called near-duplicates on hashes alone.
    public var lowTexture: Bool
    public init(dHash: UInt64, pHash: UInt64, lowTexture: Bool, canonicalDHash: UInt64? = nil, canonicalPHash: UInt64? = nil) {
        self.dHash = dHash
        self.pHash = pHash
        self.lowTexture = lowTexture
        self.canonicalDHash = canonicalDHash
        self.canonicalPHash = canonicalPHash
    }

    public static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}

public protocol ImageHasher: Sendable {
    func hashes(of image: EncodedImage) throws -> PerceptualHashes
}
