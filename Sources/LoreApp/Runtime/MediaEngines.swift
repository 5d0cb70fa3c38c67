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

    public init(transcriber: @escaping @Sendable () throws -> any Transcriber,
                diarizer: @escaping @Sendable () throws -> any Diarizer,
                ocr: @escaping @Sendable () throws -> any OCREngine,
                hasher: @escaping @Sendable () throws -> any ImageHasher) {
        self.transcriber = Lazy(transcriber)
        self.diarizer = Lazy(diarizer)
        self.ocr = Lazy(ocr)
        self.hasher = Lazy(hasher)
    }

    /// The engines installed by `scripts/setup`: Whisper base, GE2E, Tesseract, perceptual hashes.
    /// `LORE_TRANSCRIPTION_MODEL` (for example `whisper-1`) sends speech to the OpenAI-compatible
    /// server of the `LORE_OPENAI_*` variables instead of the local Whisper; `local` or unset
    /// keeps Whisper. Naming a model with no server configured is an error at start-up.
    public static func installed(recorder: PerformanceRecorder? = nil, logger: Logger,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MediaEngines {
        let transcriber: @Sendable () throws -> any Transcriber
        let model = environment["LORE_TRANSCRIPTION_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        if let model, model.lowercased() != "local" {
            guard let connection = try RemoteEmbeddingSettings.connection(environment) else {
                throw LoreError(.configuration, "LORE_TRANSCRIPTION_MODEL=\(model) needs an OpenAI-compatible server: set LORE_OPENAI_BASE_URL or LORE_OPENAI_API_KEY")
            }
            let provider = try OpenAITranscriptionProvider(configuration: connection, model: model,
                                                           usageRecorder: recorder.map { UsageToPerformance(recorder: $0) })
            transcriber = { provider }
        } else {
            transcriber = { try WhisperTranscriber(configuration: try WhisperConfiguration.installed(environment: environment), logger: logger) }
        }
        return MediaEngines(
            transcriber: transcriber,
            diarizer: { try GE2EDiarizer.installed() },
            ocr: { try TesseractOCREngine() },
            hasher: { PerceptualImageHasher() })
    }

    public func transcribing() throws -> any Transcriber { try transcriber.get() }
    public func diarizing() throws -> any Diarizer { try diarizer.get() }
    public func recognizing() throws -> any OCREngine { try ocr.get() }
    public func hashing() throws -> any ImageHasher { try hasher.get() }
}
