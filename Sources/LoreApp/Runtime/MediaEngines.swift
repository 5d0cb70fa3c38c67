import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreInference
import LoreProviders

/// The local engines the media pipeline uses, loaded on first use and shared by every job of
/// the process (each serialises or pools its own model state).
public final class MediaEngines: Sendable {
    let transcriber: Lazy<any Transcriber>
    let diarizer: Lazy<any Diarizer>
    let ocr: Lazy<any OCREngine>
    let hasher: Lazy<any ImageHasher>
    /// Describes frames and pictures in words; off (`DisabledVisionDescriber`) unless configured.
    public let describer: any VisionDescriber

    public init(transcriber: @escaping @Sendable () throws -> any Transcriber,
                diarizer: @escaping @Sendable () throws -> any Diarizer,
                ocr: @escaping @Sendable () throws -> any OCREngine,
                hasher: @escaping @Sendable () throws -> any ImageHasher,
                describer: any VisionDescriber = DisabledVisionDescriber()) {
        self.transcriber = Lazy(transcriber)
        self.diarizer = Lazy(diarizer)
        self.ocr = Lazy(ocr)
        self.hasher = Lazy(hasher)
        self.describer = describer
    }

    /// The engines installed by `scripts/setup`: Whisper base, GE2E, Tesseract, perceptual hashes,
    /// no descriptions. Remote models of the OpenAI-compatible server of the `LORE_OPENAI_*`
    /// variables replace or add to them when named: `LORE_TRANSCRIPTION_MODEL` (for example
    /// `whisper-1`; `local` or unset keeps Whisper) and `LORE_VISION_MODEL` (for example
    /// `gpt-4o-mini`; unset or `none`: no descriptions). Naming a model with no server configured
    /// is an error at start-up.
    public static func installed(recorder: PerformanceRecorder? = nil, logger: Logger,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MediaEngines {
        let usage = recorder.map { UsageToPerformance(recorder: $0) }
        func remote(_ variable: String, off: String) throws -> (model: String, connection: OpenAICompatibleConfiguration)? {
            guard let model = environment[variable].flatMap({ $0.isEmpty ? nil : $0 }), model.lowercased() != off else { return nil }
            guard let connection = try RemoteEmbeddingSettings.connection(environment) else {
                throw LoreError(.configuration, "\(variable)=\(model) needs an OpenAI-compatible server: set LORE_OPENAI_BASE_URL or LORE_OPENAI_API_KEY")
            }
            return (model, connection)
        }
        let transcriber: @Sendable () throws -> any Transcriber
        if let (model, connection) = try remote("LORE_TRANSCRIPTION_MODEL", off: "local") {
            let provider = try OpenAITranscriptionProvider(configuration: connection, model: model, usageRecorder: usage)
            transcriber = { provider }
        } else {
            transcriber = { try WhisperTranscriber(configuration: try WhisperConfiguration.installed(environment: environment), logger: logger) }
        }
        var describer: any VisionDescriber = DisabledVisionDescriber()
        if let (model, connection) = try remote("LORE_VISION_MODEL", off: "none") {
            describer = try OpenAIVisionDescriber(configuration: connection, model: model, usageRecorder: usage)
        }
        return MediaEngines(
            transcriber: transcriber,
            diarizer: { try GE2EDiarizer.installed() },
            ocr: { try TesseractOCREngine() },
            hasher: { PerceptualImageHasher() },
            describer: describer)
    }

    public func transcribing() throws -> any Transcriber { try transcriber.get() }
    public func diarizing() throws -> any Diarizer { try diarizer.get() }
    public func recognizing() throws -> any OCREngine { try ocr.get() }
    public func hashing() throws -> any ImageHasher { try hasher.get() }
}
