import Foundation
import LoreCore
import LoreSystem

/// Speaker diarization with Resemblyzer's GE2E speaker encoder, run natively.
///
/// 1. Speech: the given regions (for example Whisper segments), or energy-based detection.
///    Given regions are labelled whole (pauses included) and split where the speaker changes.
/// 2. Embeddings: 1.6 s windows (Resemblyzer's partial utterances) every `windowHop` seconds
///    inside each speech region, over mel powers of audio normalised as Resemblyzer does
///    (−30 dBFS, increase only).
/// 3. Speakers: average-linkage clustering of the windows that are mostly speech, cut at
///    `distanceThreshold` (cosine) or at the known speaker count; tiny clusters are absorbed.
/// 4. Turns: each 10 ms frame goes to the speaker its covering windows resemble most; turns
///    shorter than `minimumTurnDuration` are smoothed away; labels `S1…Sn` follow first appearance.
///
/// Work is bounded: audio longer than `maximumDuration` is refused, at most
/// `maximumClusteredWindows` windows enter the O(n²) clustering (the others are assigned to the
/// nearest speaker), and windows are embedded in fixed-size batches with cancellation checks.
public struct GE2EDiarizer: Diarizer {
    public struct Configuration: Sendable {
        /// Average cosine distance up to which clusters merge. Tuned on the only development
        /// recording with a reference (pyannote's 30 s two-speaker sample): 0.20–0.30 all find its
        /// two speakers; 0.25 is the middle of that range (see `docs/diarization.md`).
        public var distanceThreshold: Float = 0.25
        /// Seconds between window starts.
        public var windowHop: Double = 0.4
        /// A cluster with less speech than this is absorbed into the nearest speaker.
        public var minimumSpeakerDuration: Double = 2.0
        /// Windows with less speech than this share do not shape the clusters.
        public var reliableSpeechFraction: Double = 0.7
        public var minimumTurnDuration: Double = 0.3
        /// Resemblyzer's loudness target (dBFS); quieter audio is amplified, louder left alone.
        public var targetLoudness: Double = -30
        public var maximumDuration: Double = 4 * 3600
        public var maximumClusteredWindows: Int = 3000
        public var voiceActivityDetector = EnergyVoiceActivityDetector()

        public init() {}
    }

    /// Where `scripts/setup` installs the weights, relative to the tools folder.
    public static let modelPath = "models/resemblyzer/ge2e.safetensors"
    /// Fewest frames worth embedding (50 ms); shorter audio is one speaker by definition.
    static let minimumWindowFrames = 5
    static let maximumSpeakerCount = 100

    public let encoder: GE2EEncoder
    public let configuration: Configuration
    private let features = MelSpectrogram()
    private var framesPerSecond: Double { Double(AudioBuffer.speechSampleRate) / Double(features.hopLength) }

    public init(encoder: GE2EEncoder, configuration: Configuration = Configuration()) {
        self.encoder = encoder
        self.configuration = configuration
    }

    public init(modelAt url: URL, configuration: Configuration = Configuration()) throws {
        self.init(encoder: try GE2EEncoder(modelAt: url), configuration: configuration)
    }

    /// The diarizer with the weights installed in the tools folder by `scripts/setup`.
    public static func installed(configuration: Configuration = Configuration()) throws -> GE2EDiarizer {
        let tools: URL
        do {
            tools = try ToolsDirectory.locate()
        } catch {
            throw LoreError(.speakerModelMissing, "speaker model \(modelPath) not found: no tools folder (run scripts/setup, or set LORE_TOOLS_DIR)")
        }
        return try GE2EDiarizer(modelAt: tools.appendingPathComponent(modelPath), configuration: configuration)
    }

    public func diarize(_ audio: AudioBuffer, speech: [TimeRange]?, speakerCount: Int?) async throws -> [SpeakerTurn] {
        guard audio.sampleRate == AudioBuffer.speechSampleRate else {
            throw LoreError(.diarizationUnsupportedAudio, "diarization needs \(AudioBuffer.speechSampleRate) Hz audio, got \(audio.sampleRate) Hz (decode with AudioDecoder)")
        }
        if let count = speakerCount, !(1...Self.maximumSpeakerCount).contains(count) {
            throw LoreError(.invalidArgument, "speaker count must be between 1 and \(Self.maximumSpeakerCount), got \(count)")
        }
        guard audio.duration <= configuration.maximumDuration else {
            throw LoreError(.diarizationAudioTooLong, "audio is \(Int(audio.duration)) s long; diarization takes at most \(Int(configuration.maximumDuration)) s")
        }
        // Non-finite samples are treated as silence by the detector, the loudness and the features.
        let samples = audio.samples
        let voiced = configuration.voiceActivityDetector.speechRegions(in: samples, sampleRate: audio.sampleRate)
        let regions = speech.map { Self.normalized($0, duration: audio.duration) } ?? voiced
        guard !regions.isEmpty else { return [] }
        try Task.checkCancellation()

        let mel = features.compute(samples, gain: GE2EEncoder.loudnessGain(for: samples, targetDecibels: configuration.targetLoudness))
        let totalFrames = mel.count / features.melCount
        let hopFrames = max(1, Int((configuration.windowHop * framesPerSecond).rounded()))
        let plan = SpeakerWindowPlan(regions: regions, voiced: voiced, totalFrames: totalFrames, framesPerSecond: framesPerSecond,
                                     windowFrames: GE2EEncoder.partialFrames, hopFrames: hopFrames)
        guard plan.windowFrames >= Self.minimumWindowFrames, !plan.windows.isEmpty else {
            return regions.map { SpeakerTurn(start: $0.start, end: $0.end, speaker: "S1") }
        }
        let embeddings = try embedWindows(plan, mel: mel)
        let centroids = speakerCentroids(embeddings, plan: plan, speakerCount: speakerCount)
        let builder = SpeakerTurnBuilder(plan: plan, framesPerSecond: framesPerSecond,
                                         minimumTurnFrames: Int((configuration.minimumTurnDuration * framesPerSecond).rounded()))
        let turns = builder.turns(regions: regions, embeddings: embeddings, centroids: centroids)
        var names: [Int: String] = [:]
        return turns.map { turn in
            let name = names[turn.speaker] ?? "S\(names.count + 1)"
            names[turn.speaker] = name
            return SpeakerTurn(start: turn.range.start, end: turn.range.end, speaker: name)
        }
    }

    /// Embeds the planned windows a batch at a time, so only one batch of windows is ever copied.
    private func embedWindows(_ plan: SpeakerWindowPlan, mel: [Float]) throws -> [[Float]] {
        let width = plan.windowFrames * features.melCount
        var embeddings: [[Float]] = []
        embeddings.reserveCapacity(plan.windows.count)
        var first = 0
        while first < plan.windows.count {
            let batch = plan.windows[first ..< min(plan.windows.count, first + encoder.batchSize)]
            let frames = batch.map { Array(mel[$0.start * features.melCount ..< $0.start * features.melCount + width]) }
            embeddings += try encoder.embed(frames, frameCount: plan.windowFrames)
            first += batch.count
        }
        return embeddings
    }

    /// Clusters the reliable windows (a strided sample of them when there are too many) and
    /// returns one normalised centroid per speaker.
    private func speakerCentroids(_ embeddings: [[Float]], plan: SpeakerWindowPlan, speakerCount: Int?) -> [[Float]] {
        var chosen = plan.windows.indices.filter { plan.windows[$0].speechFraction >= configuration.reliableSpeechFraction }
        if chosen.count < 2 { chosen = Array(plan.windows.indices) }
        let stride = max(1, Int((Double(chosen.count) / Double(configuration.maximumClusteredWindows)).rounded(.up)))
        if stride > 1 { chosen = Swift.stride(from: 0, to: chosen.count, by: stride).map { chosen[$0] } }
        let vectors = chosen.map { embeddings[$0] }
        // Each clustered window stands for `windowHop · stride` seconds of speech.
        let bySpeech = Int((configuration.minimumSpeakerDuration / (configuration.windowHop * Double(stride))).rounded(.up))
        let minimumSize = max(1, min(bySpeech, vectors.count / 4))
        let clustering = AgglomerativeClustering(minimumClusterSize: minimumSize)
        let stop: AgglomerativeClustering.Stop = speakerCount.map { .clusterCount($0) } ?? .distance(configuration.distanceThreshold)
        let labels = clustering.cluster(vectors, stop: stop)
        return EmbeddingMath.centroids(vectors, labels: labels, labelCount: (labels.max() ?? 0) + 1)
    }

    /// Given regions clipped to the audio, sorted, overlaps merged, empty and non-finite ones dropped.
    static func normalized(_ regions: [TimeRange], duration: Double) -> [TimeRange] {
        let clipped = regions
            .filter { $0.start.isFinite && $0.end.isFinite }
            .map { TimeRange(start: max(0, $0.start), end: min(duration, $0.end)) }
            .filter { $0.end > $0.start }
            .sorted { $0.start < $1.start }
        var merged: [TimeRange] = []
        for region in clipped {
            if let last = merged.last, region.start <= last.end {
                merged[merged.count - 1].end = max(last.end, region.end)
            } else {
                merged.append(region)
            }
        }
        return merged
    }
}
