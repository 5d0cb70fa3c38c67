import LoreCore

/// One frame kept from a video: a moment worth showing, reading and searching.
public struct KeyFrame: Sendable, Equatable {
    /// Seconds from the start of the file.
    public var time: Double
    /// ffmpeg's scene score exceeded the cut threshold: the picture changed abruptly here.
    public var isSceneCut: Bool
    /// ffmpeg's scene change score against the previous decoded frame (0…1).
    public var sceneScore: Double
    /// Perceptual hashes of the thumbnail (see `ImageHasher`).
    public var hashes: PerceptualHashes
    /// JPEG, longest side at most `KeyFrameOptions.thumbnailMaxSide`.
    public var thumbnailJPEG: [UInt8]
    public var thumbnailWidth: Int
    public var thumbnailHeight: Int
    /// Size of the analysed frame (rotation applied, longest side at most `KeyFrameOptions.maxFrameSide`).
    public var width: Int
    public var height: Int
    /// Words from the optional vision describer; nil when descriptions are off.
    public var description: String?

    public init(time: Double, isSceneCut: Bool, sceneScore: Double, hashes: PerceptualHashes,
                thumbnailJPEG: [UInt8], thumbnailWidth: Int, thumbnailHeight: Int,
                width: Int, height: Int, description: String? = nil) {
        self.time = time
        self.isSceneCut = isSceneCut
        self.sceneScore = sceneScore
        self.hashes = hashes
        self.thumbnailJPEG = thumbnailJPEG
        self.thumbnailWidth = thumbnailWidth
        self.thumbnailHeight = thumbnailHeight
        self.width = width
        self.height = height
        self.description = description
    }

    public var dHash: UInt64 { hashes.dHash }
    public var pHash: UInt64 { hashes.pHash }
}

/// A kept frame at analysis size, on disk while its chunk is being processed.
public struct ExtractedFrame: Sendable {
    /// Position of `keyFrame` in the extractor's result.
    public var index: Int
    public var keyFrame: KeyFrame
    /// PNG (RGB) at most `maxFrameSide` on its longest side; deleted after the chunk's handler returns.
    public var imagePath: String
}
