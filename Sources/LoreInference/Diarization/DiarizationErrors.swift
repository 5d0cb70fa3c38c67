import LoreCore

public extension ErrorCode {
    /// The speaker-encoder weights are not where set-up installs them.
    static let speakerModelMissing = ErrorCode("speaker_model_missing", .unavailable)
    /// The speaker-encoder weights file exists but is not the expected safetensors file.
    static let speakerModelInvalid = ErrorCode("speaker_model_invalid", .unavailable)
    /// Audio the diarizer cannot take as it is (for example not 16 kHz).
    static let diarizationUnsupportedAudio = ErrorCode("diarization_unsupported_audio", .invalidInput)
    /// Audio longer than the diarizer's configured bound.
    static let diarizationAudioTooLong = ErrorCode("diarization_audio_too_long", .tooLarge)
    /// An RTTM file that cannot be parsed.
    static let invalidRTTM = ErrorCode("invalid_rttm", .invalidInput)
}
