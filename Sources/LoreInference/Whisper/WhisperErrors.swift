import LoreCore

public extension ErrorCode {
    /// The speech engine failed on this input (whisper.cpp returned an error).
    static let transcriptionFailed = ErrorCode("transcription_failed", .internalFailure)
    /// Transcription took longer than its time budget and was stopped.
    static let transcriptionTimeout = ErrorCode("transcription_timeout", .timeout)
    /// A language code the model does not know.
    static let unsupportedLanguage = ErrorCode("unsupported_language", .invalidInput)
    /// Samples the engine cannot take (wrong sample rate).
    static let invalidAudio = ErrorCode("invalid_audio", .invalidInput)
}
