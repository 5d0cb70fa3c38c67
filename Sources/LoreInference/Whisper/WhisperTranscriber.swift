import Foundation
import Logging
import LoreCore

/// Speech to text with whisper.cpp and the Whisper base model, fully local.
///
/// A transcription: silence is removed by `VoiceActivityDetector` (disable it per call); the
/// language is detected once on the first speech (unless given); the speech regions are laid
/// end to end in windows of at most `windowSeconds` that end where a region ends, and each
/// window is decoded by `whisper_full`, prompted with the caller's prompt and, if configured,
/// the previous window's last words (`carriedContextCharacters`). Segment times are mapped back to the recording, made monotonic and clamped to
/// its duration.
///
/// The model is loaded once and reused; calls are serialised (whisper.cpp's state is not
/// thread-safe). Cancelling the calling task stops decoding within a compute step.
public final class WhisperTranscriber: Transcriber {
    public let configuration: WhisperConfiguration
    private let context: WhisperContext
    private let logger: Logger

    /// What `Transcript.source` names.
    public static let modelName = "whisper.cpp/base"

    /// Loads the library and the model; throws `tools_missing` or `model_load_failed`.
    public init(configuration: WhisperConfiguration, logger: Logger = Logger(label: "lore.whisper")) throws {
        self.configuration = configuration
        self.logger = logger
        context = try WhisperContext(configuration: configuration)
    }

    public func transcribe(_ audio: AudioBuffer, options: TranscriptionOptions) async throws -> Transcript {
        guard audio.sampleRate == AudioBuffer.speechSampleRate else {
            throw LoreError(.invalidAudio, "Whisper takes \(AudioBuffer.speechSampleRate) Hz audio, got \(audio.sampleRate) Hz")
        }
        let language = try validatedLanguage(options.language)
        let duration = audio.duration
        let regions: [TimeRange]
        if options.voiceActivityDetection {
            regions = VoiceActivityDetector(settings: configuration.voiceActivity).speechRegions(in: audio)
        } else {
            regions = audio.samples.isEmpty ? [] : [TimeRange(start: 0, end: duration)]
        }
        logger.debug("transcribing", metadata: [
            "duration": "\(duration)", "speech": "\(regions.reduce(0) { $0 + $1.duration })", "regions": "\(regions.count)",
        ])

        var segments: [TranscriptSegment] = []
        var detected = language
        var carried: String?
        for window in SpeechLayout.windows(of: regions, in: audio, maxSeconds: configuration.windowSeconds) {
            try Task.checkCancellation()
            let layout = SpeechLayout(audio: audio, regions: window)
            if layout.isEmpty { continue }
            if detected == nil {
                let language = try await context.detectLanguage(layout.samples, threads: configuration.threads, audioContext: Self.detectionAudioContext)
                logger.debug("detected language", metadata: ["language": "\(language.code)", "probability": "\(language.probability)"])
                detected = language.code
            }
            let prompt = [options.prompt, carried].compactMap { $0 }.joined(separator: " ")
            let decoded = try await context.run(layout.samples, options: runOptions(for: layout, language: detected, prompt: prompt.isEmpty ? nil : prompt))
            let mapped = decoded.compactMap { segment -> TranscriptSegment? in
                let text = Self.cleaned(segment.text)
                guard !text.isEmpty else { return nil }
                return TranscriptSegment(
                    start: layout.originalTime(segment.start, isEnd: false),
                    end: layout.originalTime(segment.end, isEnd: true),
                    text: text)
            }
            segments.append(contentsOf: mapped)
            carried = Self.promptTail(of: mapped, characters: configuration.carriedContextCharacters)
        }
        var timed = Self.monotonic(segments, duration: duration)
        if options.voiceActivityDetection {
            timed = SegmentBoundaryRefiner(speech: VoiceActivityDetector(settings: configuration.pauseDetection).speechRegions(in: audio),
                                           duration: duration).refine(timed)
        }
        return Transcript(
            language: detected,
            duration: duration,
            segments: timed,
            source: .model(Self.modelName))
    }

    private func validatedLanguage(_ code: String?) throws -> String? {
        guard let code = code?.trimmingCharacters(in: .whitespaces).lowercased(), !code.isEmpty, code != "auto" else { return nil }
        guard code.count <= 3, WhisperLibrary.knowsLanguage(code) else {
            throw LoreError(.unsupportedLanguage, "Whisper does not know the language code '\(code)'")
        }
        return code
    }

    private func runOptions(for layout: SpeechLayout, language: String?, prompt: String?) -> WhisperRunOptions {
        let seconds = Double(layout.samples.count) / Double(AudioBuffer.speechSampleRate)
        return WhisperRunOptions(
            threads: configuration.threads,
            language: language,
            beamSize: configuration.beamSize,
            audioContext: configuration.shortAudioContext ? Self.audioContext(forSeconds: seconds) : 0,
            prompt: prompt,
            temperatureFallback: configuration.temperatureFallback,
            timeLimit: configuration.timeBudgetFixedSeconds + configuration.timeBudgetPerAudioSecond * seconds)
    }

    /// The encoder's context for audio shorter than one window: 50 frames a second plus a
    /// margin, but never under half a window (Whisper was trained on full 30 s windows; much
    /// shorter contexts cost accuracy, see docs/ASR.md), rounded up to 64. 0 (the full 1500
    /// frames) for longer audio.
    static func audioContext(forSeconds seconds: Double) -> Int {
        guard seconds < 28 else { return 0 }
        let frames = max(750, Int((seconds * 50).rounded(.up)) + 128)
        return min(1500, (frames + 63) / 64 * 64)
    }

    /// Language detection looks at the first 15 s of speech (half a window): plenty to tell the
    /// language, at half the cost of a full encoder pass.
    static let detectionAudioContext = 750

    /// Segment text without the spaces whisper puts in front, and nothing for non-speech markers
    /// such as "[BLANK_AUDIO]" or "(music)" that whisper emits for noise.
    static func cleaned(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let first = trimmed.first, let last = trimmed.last, (first == "[" && last == "]") || (first == "(" && last == ")"),
           !trimmed.dropFirst().dropLast().contains(where: { $0 == "[" || $0 == "]" || $0 == "(" || $0 == ")" }) {
            return ""
        }
        return trimmed
    }

    /// The last words of a window, at most `characters` long, to prompt the next; nil for none.
    static func promptTail(of segments: [TranscriptSegment], characters: Int) -> String? {
        var words: [String] = []
        var length = 0
        for segment in segments.reversed() {
            for word in segment.text.split(separator: " ").reversed() {
                if length + word.count > characters { return words.isEmpty ? nil : words.reversed().joined(separator: " ") }
                words.append(String(word))
                length += word.count + 1
            }
        }
        return words.isEmpty ? nil : words.reversed().joined(separator: " ")
    }

    /// Starts never go back, ends never precede starts, segments never overlap, and everything
    /// lies within `0…duration`.
    static func monotonic(_ segments: [TranscriptSegment], duration: Double) -> [TranscriptSegment] {
        var result: [TranscriptSegment] = []
        var floor = 0.0
        for var segment in segments {
            segment.start = min(max(segment.start, floor), duration)
            segment.end = min(max(segment.end, segment.start), duration)
            floor = segment.end
            result.append(segment)
        }
        return result
    }
}
