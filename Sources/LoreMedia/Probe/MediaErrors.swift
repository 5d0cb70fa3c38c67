import LoreCore

public extension ErrorCode {
    /// Empty, truncated beyond use, or bytes no allowed demuxer recognises.
    static let mediaCorrupt = ErrorCode("media_corrupt", .invalidInput)
    /// A real container, but not one of the local audio/video formats Lore accepts.
    static let mediaUnsupportedContainer = ErrorCode("media_unsupported_container", .unsupportedMedia)
    /// A playlist, concat list, manifest or track that points at other files or URLs.
    static let mediaExternalReference = ErrorCode("media_external_reference", .invalidInput)
    /// Frames larger than the decoding limits (pixel bombs).
    static let mediaFrameTooLarge = ErrorCode("media_frame_too_large", .tooLarge)
    /// Neither an audio nor a video stream.
    static let mediaNoStreams = ErrorCode("media_no_streams", .invalidInput)
    /// Video analysis on a file without a (non-cover-art) video stream.
    static let mediaNoVideoStream = ErrorCode("media_no_video_stream", .invalidInput)
    /// ffmpeg failed on a file the probe accepted.
    static let mediaDecodeFailed = ErrorCode("media_decode_failed", .invalidInput)
}
