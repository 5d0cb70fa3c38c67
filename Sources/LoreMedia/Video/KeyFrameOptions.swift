import LoreCore

/// How key frames are chosen; defaults follow the seed design (§4.2) and are explained in
/// docs/video.md.
public struct KeyFrameOptions: Sendable, Equatable {
    /// Seconds between periodic samples; nil uses the adaptive rate (`samplingInterval(forDuration:)`).
    public var samplingInterval: Double?
    /// ffmpeg scene score (0…1) above which a frame is a scene cut. Slides are mostly flat
    /// backgrounds, so real changes score low: on white 720p slides a new title and bullet
    /// scored 0.031–0.034, a new bullet line 0.0057–0.009, another scanned page 0.07; the
    /// keyframes of an unchanged slide 0.001–0.0015. False cuts in moving pictures cost little:
    /// a cut that hashes near-identical to the last kept frame is dropped like any other frame.
    public var sceneThreshold: Double
    /// Scene cuts closer than this to the previous cut are not taken (flashes, fast cutting).
    public var minimumCutSpacing: Double
    /// At most one scene cut per this many seconds on average within a chunk, so a video that
    /// is all motion cannot turn every frame into a cut.
    public var secondsPerCutBudget: Double
    /// Frames are decoded and read at most this size on their longest side.
    public var maxFrameSide: Int
    public var thumbnailMaxSide: Int
    /// ffmpeg's MJPEG quality scale (2 best … 31 worst).
    public var thumbnailQuality: Int
    /// Consecutive frames this close are the same picture; the later is dropped. Stricter than
    /// a near-duplicate photo (`NearDuplicateRule()` allows 10 bits): a 36-px bullet appearing
    /// on a slide moved pHash by only 8 bits. Canonical (rotation) hashes are not used.
    public var nearIdentical: NearDuplicateRule
    /// However similar, a frame is kept when the last kept one is this old, so a change too
    /// small for the hashes is still read within this time.
    public var maxDropRun: Double
    /// Upper bound on frames taken from one video (periodic samples are spread out to fit).
    public var maxFrames: Int
    /// Videos are decoded in chunks of this many seconds: bounded temporary disk, progress per
    /// chunk, and the next chunk decodes while the previous one is read (OCR).
    public var chunkDuration: Double
    /// ffmpeg may take this many seconds of wall-clock time per second of video (plus a minute).
    public var decodeTimeFactor: Double
    /// Where chunk folders are made; nil is the system's temporary directory.
    public var workDirectory: String?
    /// Decode only frames other frames refer to (`-skip_frame noref`): skipping the
    /// disposable B-frames halved decoding time on H.264 from x264 (11.0 → 4.8 s CPU for
    /// 10 minutes of 720p25); changes are then seen at most a few frames late.
    public var skipsNonReferenceFrames: Bool

    public init(samplingInterval: Double? = nil,
                sceneThreshold: Double = 0.004,
                minimumCutSpacing: Double = 0.5,
                secondsPerCutBudget: Double = 4,
                maxFrameSide: Int = 1280,
                thumbnailMaxSide: Int = 320,
                thumbnailQuality: Int = 4,
                nearIdentical: NearDuplicateRule = NearDuplicateRule(
                    maxDHashDistance: 4, maxPHashDistance: 4, maxCanonicalDHashDistance: -1, maxCanonicalPHashDistance: -1),
                maxDropRun: Double = 30,
                maxFrames: Int = 3000,
                chunkDuration: Double = 120,
                decodeTimeFactor: Double = 2,
                workDirectory: String? = nil,
                skipsNonReferenceFrames: Bool = true) {
        self.samplingInterval = samplingInterval
        self.sceneThreshold = sceneThreshold
        self.minimumCutSpacing = minimumCutSpacing
        self.secondsPerCutBudget = secondsPerCutBudget
        self.maxFrameSide = maxFrameSide
        self.thumbnailMaxSide = thumbnailMaxSide
        self.thumbnailQuality = thumbnailQuality
        self.nearIdentical = nearIdentical
        self.maxDropRun = maxDropRun
        self.maxFrames = maxFrames
        self.chunkDuration = chunkDuration
        self.decodeTimeFactor = decodeTimeFactor
        self.workDirectory = workDirectory
        self.skipsNonReferenceFrames = skipsNonReferenceFrames
    }

    /// The seed's adaptive key-frame rate: 1 fps up to a minute, 0.5 up to 10 minutes, 0.2 up
    /// to an hour, 0.1 beyond; returned as seconds between samples.
    public static func samplingInterval(forDuration duration: Double) -> Double {
        switch duration {
        case ...60: return 1
        case ...600: return 2
        case ...3600: return 5
        default: return 10
        }
    }

    /// The interval actually used: the adaptive (or given) one, widened so the periodic
    /// samples take at most half of `maxFrames` (the rest is for scene cuts).
    func effectiveInterval(forDuration duration: Double) -> Double {
        let interval = samplingInterval ?? Self.samplingInterval(forDuration: duration)
        let periodicBudget = Double(max(1, maxFrames / 2))
        return max(interval, duration / periodicBudget)
    }
}
