import LoreCore

/// What `VideoAnalysis` does and how much it may cost.
public struct VideoAnalysisOptions: Sendable, Equatable {
    public var keyFrames: KeyFrameOptions
    public var slideText: SlideTextOptions
    public var policy: MediaContainerPolicy
    /// OCR of key frames into slide spans (needs an OCR engine).
    public var readsText: Bool
    /// Embedded text subtitle tracks as WebVTT.
    public var extractsSubtitles: Bool
    /// Frames described when a vision describer is enabled: the first frames that are not
    /// near-identical (`keyFrames.nearIdentical`) to a frame already described.
    public var maxDescribedFrames: Int
    public var descriptionPrompt: String

    public init(keyFrames: KeyFrameOptions = KeyFrameOptions(), slideText: SlideTextOptions = SlideTextOptions(),
                policy: MediaContainerPolicy = MediaContainerPolicy(), readsText: Bool = true,
                extractsSubtitles: Bool = true, maxDescribedFrames: Int = 20, descriptionPrompt: String = VisionPrompt.frame) {
        self.keyFrames = keyFrames
        self.slideText = slideText
        self.policy = policy
        self.readsText = readsText
        self.extractsSubtitles = extractsSubtitles
        self.maxDescribedFrames = maxDescribedFrames
        self.descriptionPrompt = descriptionPrompt
    }
}

/// Where an analysis is: `completed` of `total` in the stage's unit (seconds of video for
/// frames, frames for text and descriptions, tracks for subtitles).
public struct VideoAnalysisProgress: Sendable, Equatable {
    public enum Stage: String, Sendable, Codable {
        case probing, frames, text, descriptions, subtitles, finished
    }
    public var stage: Stage
    public var completed: Double
    public var total: Double

    public init(stage: Stage, completed: Double, total: Double) {
        self.stage = stage
        self.completed = completed
        self.total = total
    }
}

/// Everything `VideoAnalysis` found.
public struct VideoAnalysisResult: Sendable {
    public var probe: MediaProbeResult
    public var frames: [KeyFrame]
    public var slideSpans: [SlideSpan]
    public var subtitles: [SubtitleTrackText]
    /// Steps that failed without failing the analysis (a subtitle track, a description).
    public var warnings: [String]
    public var framesRead: Int
    public var framesReused: Int
    /// Wall-clock seconds: decoding, selection, thumbnails and hashes / OCR / subtitles / descriptions.
    public var frameSeconds: Double
    public var textSeconds: Double
    public var subtitleSeconds: Double
    public var descriptionSeconds: Double
}
