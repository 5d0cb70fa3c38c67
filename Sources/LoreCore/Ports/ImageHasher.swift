/// 64-bit perceptual hashes of one image.
public struct PerceptualHashes: Sendable, Hashable, Codable {
    public var dHash: UInt64
    public var pHash: UInt64
    /// True when the image has too little texture for its hashes to mean much (blank slides,
    /// flat colours); such images are never called near-duplicates on hashes alone.
    public var lowTexture: Bool
    public init(dHash: UInt64, pHash: UInt64, lowTexture: Bool) {
        self.dHash = dHash
        self.pHash = pHash
        self.lowTexture = lowTexture
    }

    public static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}

public protocol ImageHasher: Sendable {
    func hashes(of image: EncodedImage) throws -> PerceptualHashes
}
