/// An encoded image (PNG, JPEG, TIFF, WebP, GIF, BMP, PNM) as it came from a file or ffmpeg.
public struct EncodedImage: Sendable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

public struct OCRWord: Sendable, Hashable, Codable {
    public var text: String
    /// 0…100 as Tesseract reports it.
    public var confidence: Double
    public var box: BoundingBox
    public init(text: String, confidence: Double, box: BoundingBox) {
        self.text = text
        self.confidence = confidence
        self.box = box
    }
}

public struct OCRResult: Sendable, Codable {
    public var text: String
    public var words: [OCRWord]
    /// Clockwise rotation in degrees (0, 90, 180, 270) that was applied to make the text upright.
    public var rotation: Int
    public init(text: String, words: [OCRWord], rotation: Int = 0) {
        self.text = text
        self.words = words
        self.rotation = rotation
    }
}

/// What kind of picture the text is in; selects pre-processing (dark themes, subtitles, small text).
public enum OCRContentHint: String, Sendable, Codable {
    case document, screenshot, videoFrame
}

public struct OCROptions: Sendable {
    /// Tesseract language codes joined with `+`, for example `eng+deu`.
    public var languages: String
    public var hint: OCRContentHint
    /// Detect and correct page orientation (0/90/180/270) before recognition.
    public var detectOrientation: Bool
    public init(languages: String = "eng", hint: OCRContentHint = .document, detectOrientation: Bool = true) {
        self.languages = languages
        self.hint = hint
        self.detectOrientation = detectOrientation
    }
}

public protocol OCREngine: Sendable {
    func recognize(_ image: EncodedImage, options: OCROptions) async throws -> OCRResult
}
