import LoreCore

/// dHash and pHash (64 bits each) from decoded grey pixels, plus the same pair over the
/// image's canonically oriented central disc (see `CanonicalDisc`) for rotated and mirrored copies.
///
/// - dHash: the image averaged down to 9 × 8; a bit per horizontally adjacent pair, set when the
///   right cell is brighter.
/// - pHash: the image averaged down to 32 × 32; a bit per coefficient of the 8 × 8 lowest DCT
///   frequencies, set when it is above their median.
/// - Low texture: the 32 × 32 thumbnail's standard deviation is under `lowTextureDeviation` grey
///   levels; then the bits mostly encode noise and compression artefacts.
public struct PerceptualImageHasher: ImageHasher {
    public var decoder: ImageDecoder
    public var lowTextureDeviation: Double

    /// Larger pictures are first shrunk to this longest side by Leptonica's area mapping: the
    /// hashes only look at 32 × 32 cells, and it bounds the work for huge images.
    static let workingSide = 512
    private static let dct = LowFrequencyDCT(size: 32, keep: 8)

    public init(decoder: ImageDecoder = ImageDecoder(), lowTextureDeviation: Double = 4.0) {
        self.decoder = decoder
        self.lowTextureDeviation = lowTextureDeviation
    }

    public func hashes(of image: EncodedImage) throws -> PerceptualHashes {
        hashes(of: try workingImage(decoder.decode(image)))
    }

    /// Hashes of already decoded grey pixels.
    public func hashes(of gray: GrayImage) -> PerceptualHashes {
        guard gray.width > 0, gray.height > 0 else { return PerceptualHashes(dHash: 0, pHash: 0, lowTexture: true) }
        let dHash = HashBits.difference(gray.areaResized(width: 9, height: 8))
        let thumbnail = gray.areaResized(width: 32, height: 32)
        let pHash = HashBits.aboveMedian(Self.dct.transform(thumbnail))
        let disc = CanonicalDisc.block(of: gray, dct: Self.dct)
        let discGray = GrayImage(width: 32, height: 32, pixels: disc.block.map { UInt8(min(255, max(0, $0.rounded()))) })
        return PerceptualHashes(
            dHash: dHash,
            pHash: pHash,
            lowTexture: Self.standardDeviation(thumbnail) < lowTextureDeviation,
            canonicalDHash: HashBits.difference(discGray.areaResized(width: 9, height: 8)),
            canonicalPHash: HashBits.aboveMedian(Self.dct.transform(disc.block)))
    }

    private func workingImage(_ image: LeptonicaImage) throws -> GrayImage {
        let gray = try image.grayscale()
        let longest = max(gray.width, gray.height)
        guard longest > Self.workingSide else { return try gray.grayPixels() }
        let scale = Double(Self.workingSide) / Double(longest)
        let width = max(1, Int((Double(gray.width) * scale).rounded()))
        let height = max(1, Int((Double(gray.height) * scale).rounded()))
        return try gray.areaScaled(width: width, height: height).grayPixels()
    }

    private static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return variance.squareRoot()
    }
}
