import LoreCore

/// Text shown on screen for a stretch of a video (a slide, a page of a screen share).
public struct SlideSpan: Sendable, Equatable, Codable {
    /// Time of the first frame that showed this text.
    public var start: Double
    /// Time of the next frame showing something else, or the end of the video.
    public var end: Double
    /// The representative frame's text (lines and paragraphs kept).
    public var text: String
    /// The representative frame's words with their boxes in that frame's pixels.
    public var words: [OCRWord]
    /// Time of the representative frame: the one whose words carry the most total confidence.
    public var frameTime: Double
    public var frameWidth: Int
    public var frameHeight: Int
    /// Frames merged into this span.
    public var frameCount: Int

    public init(start: Double, end: Double, text: String, words: [OCRWord], frameTime: Double,
                frameWidth: Int, frameHeight: Int, frameCount: Int) {
        self.start = start
        self.end = end
        self.text = text
        self.words = words
        self.frameTime = frameTime
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.frameCount = frameCount
    }

    public var meanConfidence: Double {
        words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }
}

/// The OCR of one key frame.
public struct FrameReading: Sendable {
    public var time: Double
    public var result: OCRResult
    public var width: Int
    public var height: Int
    /// The text came from an earlier frame with identical hashes (not read again).
    public var reused: Bool

    public init(time: Double, result: OCRResult, width: Int, height: Int, reused: Bool = false) {
        self.time = time
        self.result = result
        self.width = width
        self.height = height
        self.reused = reused
    }
}

/// How frame texts become spans.
public struct SlideTextOptions: Sendable, Equatable {
    /// Tesseract languages joined with `+`.
    public var languages: String
    /// Consecutive frames whose texts differ by at most this normalised edit distance (edits /
    /// longer text, after collapsing whitespace and ignoring case) are one span. 0.1 absorbs
    /// OCR noise between two encodings of the same slide (typically 0–3 %) and merges a
    /// corrected typo or a changed clock, while a new bullet on a five-line slide (≈ 15–25 %)
    /// or another slide (≥ 50 %) starts a new span.
    public var maxTextDistance: Double
    /// A frame shows text when its words of confidence ≥ `minimumWordConfidence` hold at least
    /// this many letters or digits; otherwise it ends the current span (OCR of photos and
    /// faces yields a few stray low-confidence marks).
    public var minimumCharacters: Int
    public var minimumWordConfidence: Double
    /// Frames read at once (the OCR engine's own worker count bounds the real parallelism).
    public var concurrency: Int
    /// While a scene shows no text (a camera picture), later frames that are near-duplicates of
    /// its first frame by this rule are not read, for up to `maxTextlessReuse` seconds: a
    /// moving camera changes a frame's hashes by more than `KeyFrameOptions.nearIdentical`
    /// allows, so the frame is kept, but not by enough to be a new scene. Text appearing on
    /// such a scene is read at the latest when the time is up.
    public var textlessScene: NearDuplicateRule
    public var maxTextlessReuse: Double

    public init(languages: String = "eng", maxTextDistance: Double = 0.1, minimumCharacters: Int = 3,
                minimumWordConfidence: Double = 40, concurrency: Int = 4,
                textlessScene: NearDuplicateRule = NearDuplicateRule(), maxTextlessReuse: Double = 30) {
        self.languages = languages
        self.maxTextDistance = maxTextDistance
        self.minimumCharacters = minimumCharacters
        self.minimumWordConfidence = minimumWordConfidence
        self.concurrency = concurrency
        self.textlessScene = textlessScene
        self.maxTextlessReuse = maxTextlessReuse
    }
}
