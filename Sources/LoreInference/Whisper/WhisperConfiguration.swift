import Foundation
import LoreSystem

/// How the local Whisper engine runs. Defaults are the tuned settings measured with
/// `lore bench asr` (see docs/ASR.md); every field can be overridden at the edge.
public struct WhisperConfiguration: Sendable {
    /// The ggml model file (`.tools/models/whisper-base/ggml-base-q8_0.bin` by default).
    public var modelPath: String
    /// `libwhisper.so.1.8.5` from the pinned pywhispercpp wheel (`.tools/whisper/`).
    public var libraryPath: String
    /// CPU threads for one transcription.
    public var threads: Int
    /// 1 = greedy decoding (fast); more = beam search with that many beams.
    public var beamSize: Int
    /// Flash attention in the encoder and decoder.
    public var flashAttention: Bool
    /// Shrink the encoder's context to the audio's length when it is shorter than one 30 s window.
    public var shortAudioContext: Bool
    /// Characters of the previous window's text that prompt the next window (the context carried
    /// over; about 4 characters a token). 0 = none, the default: measured on the long benchmark
    /// recording, carrying 200 characters raised WER from 4.5 % to 19.9 % (repeated phrases make
    /// the decoder skip or repeat whole sentences) and cost 23 % more CPU — see docs/ASR.md.
    /// The caller's own prompt (`TranscriptionOptions.prompt`) conditions every window regardless.
    public var carriedContextCharacters: Int
    /// Re-decode a window at higher temperatures when it looks like a loop or has low confidence.
    public var temperatureFallback: Bool
    /// Speech (silence removed) is decoded in windows of whole speech regions of at most this
    /// many seconds, each prompted with the previous window's last words (the context carried
    /// over). Windows that end where speech ends keep whisper.cpp from seeking past words, and
    /// memory stays bounded on long recordings. At most 30 (Whisper's window).
    public var windowSeconds: Double
    /// Time budget of one window: `fixed + perAudioSecond × window length`; past it the run fails
    /// with `transcription_timeout` instead of running on (a loop on hostile audio, a stuck machine).
    public var timeBudgetFixedSeconds: Double
    public var timeBudgetPerAudioSecond: Double
    /// The voice-activity detector that removes silence before decoding.
    public var voiceActivity: VoiceActivityDetector.Settings

    /// The same detector tuned to find pauses between sentences (no padding, short silences),
    /// onto which segment boundaries are moved (`SegmentBoundaryRefiner`).
    var pauseDetection: VoiceActivityDetector.Settings {
        var settings = voiceActivity
        settings.paddingSeconds = 0
        settings.minSilenceSeconds = 0.25
        return settings
    }

    public init(
        modelPath: String,
        libraryPath: String,
        threads: Int = WhisperConfiguration.defaultThreads,
        beamSize: Int = 1,
        flashAttention: Bool = true,
        shortAudioContext: Bool = true,
        carriedContextCharacters: Int = 0,
        temperatureFallback: Bool = true,
        windowSeconds: Double = 28,
        timeBudgetFixedSeconds: Double = 120,
        timeBudgetPerAudioSecond: Double = 3,
        voiceActivity: VoiceActivityDetector.Settings = .init()
    ) {
        self.modelPath = modelPath
        self.libraryPath = libraryPath
        self.threads = threads
        self.beamSize = beamSize
        self.flashAttention = flashAttention
        self.shortAudioContext = shortAudioContext
        self.carriedContextCharacters = max(0, carriedContextCharacters)
        self.temperatureFallback = temperatureFallback
        self.windowSeconds = min(30, max(1, windowSeconds))
        self.timeBudgetFixedSeconds = timeBudgetFixedSeconds
        self.timeBudgetPerAudioSecond = timeBudgetPerAudioSecond
        self.voiceActivity = voiceActivity
    }

    /// The files installed by `scripts/setup` in the tools folder; throws `tools_missing` when absent.
    /// `model` is a file name in `.tools/models/whisper-base/`: `ggml-base-q8_0.bin` (8-bit
    /// weights, the default: faster, as accurate in `lore bench asr`) or `ggml-base.bin` (f16).
    public static func installed(model: String = WhisperConfiguration.defaultModel, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WhisperConfiguration {
        WhisperConfiguration(
            modelPath: try ToolsDirectory.path("models/whisper-base/\(model)", environment: environment).path,
            libraryPath: try ToolsDirectory.path("whisper/libwhisper.so.1.8.5", environment: environment).path)
    }

    public static let defaultModel = "ggml-base-q8_0.bin"

    /// All cores up to 4: whisper.cpp gains little beyond that for the base model.
    public static var defaultThreads: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }
}
