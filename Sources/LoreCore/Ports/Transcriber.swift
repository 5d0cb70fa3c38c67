/// One timed piece of speech.
public struct TranscriptSegment: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    public var text: String
    /// Speaker label (`S1`, `S2`, … from diarization, or a name from a provided transcript).
    public var speaker: String?
    public init(start: Double, end: Double, text: String, speaker: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.speaker = speaker
    }
}

/// Where a transcript came from: a speech model, or a transcript that arrived with the media.
public enum TranscriptSource: Sendable, Hashable, Codable {
    case model(String)
    case provided(format: String)
}

public struct Transcript: Sendable, Codable {
    /// ISO 639-1 code, detected or given.
    public var language: String?
    public var duration: Double
    public var segments: [TranscriptSegment]
    public var source: TranscriptSource

    public init(language: String?, duration: Double, segments: [TranscriptSegment], source: TranscriptSource) {
        self.language = language
        self.duration = duration
        self.segments = segments
        self.source = source
    }

    public var text: String { segments.map(\.text).joined(separator: " ") }
}

public struct TranscriptionOptions: Sendable {
    /// ISO 639-1 code; nil detects the language.
    public var language: String?
    /// Skip silence before decoding.
    public var voiceActivityDetection: Bool
    /// Text that conditions the decoder (names, jargon).
    public var prompt: String?
    public init(language: String? = nil, voiceActivityDetection: Bool = true, prompt: String? = nil) {
        self.language = language
        self.voiceActivityDetection = voiceActivityDetection
        self.prompt = prompt
    }
}

/// Speech to timed text. Input is 16 kHz mono PCM (`AudioBuffer.speechSampleRate`).
public protocol Transcriber: Sendable {
    func transcribe(_ audio: AudioBuffer, options: TranscriptionOptions) async throws -> Transcript
}
