import Foundation
import Logging
import LoreCore
import LoreInference

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
    public static func installed(logger: Logger) -> MediaEngines {
        MediaEngines(
            transcriber: { try WhisperTranscriber(configuration: try WhisperConfiguration.installed(), logger: logger) },
            diarizer: { try GE2EDiarizer.installed() },
            ocr: { try TesseractOCREngine() },
            hasher: { PerceptualImageHasher() })
    }

    public func transcribing() throws -> any Transcriber { try transcriber.get() }
    public func diarizing() throws -> any Diarizer { try diarizer.get() }
    public func recognizing() throws -> any OCREngine { try ocr.get() }
    public func hashing() throws -> any ImageHasher { try hasher.get() }
}
