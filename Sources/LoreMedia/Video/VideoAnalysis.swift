import Foundation
import LoreCore

/// The video part of ingestion after transcription: key frames with thumbnails and hashes,
/// on-screen text as time spans, embedded subtitle tracks, and (when a vision describer is
/// enabled) frame descriptions.
///
/// Work is chunked (see `KeyFrameOptions.chunkDuration`): each chunk's frames are decoded once,
/// read, described, and deleted before the next, so temporary disk and memory stay bounded
/// (thumbnails of at most `maxFrames` frames are kept). Cancellation stops ffmpeg and OCR.
public struct VideoAnalysis: Sendable {
    public var hasher: any ImageHasher
    public var ocrEngine: (any OCREngine)?
    public var describer: any VisionDescriber
    public var options: VideoAnalysisOptions

    public init(hasher: any ImageHasher, ocrEngine: (any OCREngine)?,
                describer: any VisionDescriber = DisabledVisionDescriber(),
                options: VideoAnalysisOptions = VideoAnalysisOptions()) {
        self.hasher = hasher
        self.ocrEngine = ocrEngine
        self.describer = describer
        self.options = options
    }

    public typealias ProgressHandler = @Sendable (VideoAnalysisProgress) -> Void

    /// Analyses the video at `path`; `probe` is taken when the caller already probed the file.
    public func analyze(fileAt path: String, probe given: MediaProbeResult? = nil,
                        progress: ProgressHandler? = nil) async throws -> VideoAnalysisResult {
        progress?(VideoAnalysisProgress(stage: .probing, completed: 0, total: 1))
        let probe: MediaProbeResult
        if let given { probe = given } else { probe = try await MediaProbe(policy: options.policy).probe(fileAt: path) }
        guard probe.primaryVideo != nil else {
            throw LoreError(.mediaNoVideoStream, "\((path as NSString).lastPathComponent) has no video stream")
        }
        let describer = self.describer, options = self.options
        let tracker = options.readsText ? ocrEngine.map { SlideTextTracker(engine: $0, options: options.slideText) } : nil
        let state = AnalysisState()

        let started = ContinuousClock.now
        let extractor = KeyFrameExtractor(hasher: hasher, options: options.keyFrames, policy: options.policy)
        var frames = try await extractor.extract(
            fileAt: path, probe: probe,
            progress: { done, total in progress?(VideoAnalysisProgress(stage: .frames, completed: done, total: total)) },
            handleChunk: { chunk in
                if let tracker {
                    let clock = ContinuousClock.now
                    try await tracker.read(chunk) { done in
                        progress?(VideoAnalysisProgress(stage: .text, completed: Double(done), total: Double(chunk.count)))
                    }
                    await state.addText(ContinuousClock.now - clock)
                }
                if describer.isEnabled {
                    try await Self.describe(chunk, with: describer, options: options, state: state, progress: progress)
                }
            })
        let handled = await state.snapshot()
        for (index, description) in handled.descriptions where index < frames.count {
            frames[index].description = description
        }
        let spans = await tracker?.finish(at: probe.duration ?? frames.last?.time ?? 0) ?? []
        let total = (ContinuousClock.now - started).seconds

        var subtitles: [SubtitleTrackText] = []
        var warnings = handled.warnings
        let subtitleClock = ContinuousClock.now
        if options.extractsSubtitles, probe.subtitleStreams.contains(where: \.isText) {
            let textTracks = probe.subtitleStreams.filter(\.isText).count
            progress?(VideoAnalysisProgress(stage: .subtitles, completed: 0, total: Double(textTracks)))
            let extraction = try await SubtitleExtractor(policy: options.policy).extractAll(fileAt: path, probe: probe)
            subtitles = extraction.tracks
            warnings += extraction.failures.sorted { $0.key < $1.key }.map { "subtitle stream \($0.key): \($0.value)" }
        }
        let subtitleSeconds = (ContinuousClock.now - subtitleClock).seconds
        progress?(VideoAnalysisProgress(stage: .finished, completed: 1, total: 1))

        return VideoAnalysisResult(
            probe: probe, frames: frames, slideSpans: spans, subtitles: subtitles, warnings: warnings,
            framesRead: await tracker?.framesRead ?? 0, framesReused: await tracker?.framesReused ?? 0,
            frameSeconds: max(0, total - handled.textSeconds - handled.descriptionSeconds),
            textSeconds: handled.textSeconds, subtitleSeconds: subtitleSeconds,
            descriptionSeconds: handled.descriptionSeconds)
    }

    /// Describes the chunk's frames that are not near-identical (`KeyFrameOptions.nearIdentical`)
    /// to a frame already described, up to `maxDescribedFrames`. A failed description is a
    /// warning: descriptions are extras. (The looser photo rule, `NearDuplicateRule()`, takes
    /// two different slides of one template for copies.)
    private static func describe(_ chunk: [ExtractedFrame], with describer: any VisionDescriber, options: VideoAnalysisOptions,
                                 state: AnalysisState, progress: ProgressHandler?) async throws {
        let rule = options.keyFrames.nearIdentical
        for frame in chunk {
            guard await state.shouldDescribe(frame.keyFrame.hashes, rule: rule, limit: options.maxDescribedFrames) else { continue }
            let clock = ContinuousClock.now
            do {
                guard let data = FileManager.default.contents(atPath: frame.imagePath) else { continue }
                let text = try await describer.describe(image: EncodedImage(bytes: [UInt8](data)), prompt: options.descriptionPrompt)
                await state.addDescription(text.trimmingCharacters(in: .whitespacesAndNewlines), for: frame.index)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                await state.addWarning("description of the frame at \(String(format: "%.1f", frame.keyFrame.time)) s failed: \(error)")
            }
            await state.addDescriptionTime(ContinuousClock.now - clock)
            let described = await state.describedCount
            progress?(VideoAnalysisProgress(stage: .descriptions, completed: Double(described), total: Double(options.maxDescribedFrames)))
        }
    }
}

/// Results gathered by the per-chunk handler, which runs while the extractor is suspended.
private actor AnalysisState {
    struct Snapshot {
        var descriptions: [Int: String]
        var warnings: [String]
        var textSeconds: Double
        var descriptionSeconds: Double
    }

    private var descriptions: [Int: String] = [:]
    private var described: [PerceptualHashes] = []
    private var warnings: [String] = []
    private var textTime: Duration = .zero
    private var descriptionTime: Duration = .zero

    var describedCount: Int { described.count }

    func addText(_ duration: Duration) { textTime += duration }
    func addDescriptionTime(_ duration: Duration) { descriptionTime += duration }
    func addWarning(_ warning: String) { warnings.append(warning) }
    func addDescription(_ text: String, for index: Int) { if !text.isEmpty { descriptions[index] = text } }

    /// Reserves a description slot for a frame unlike every one described so far.
    func shouldDescribe(_ hashes: PerceptualHashes, rule: NearDuplicateRule, limit: Int) -> Bool {
        guard described.count < limit, !described.contains(where: { rule.isNearDuplicate($0, hashes) }) else { return false }
        described.append(hashes)
        return true
    }

    func snapshot() -> Snapshot {
        Snapshot(descriptions: descriptions, warnings: warnings, textSeconds: textTime.seconds, descriptionSeconds: descriptionTime.seconds)
    }
}

