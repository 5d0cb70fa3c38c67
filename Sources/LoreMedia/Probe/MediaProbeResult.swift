import Foundation

/// What ffprobe found in a media file that passed the container policy.
public struct MediaProbeResult: Sendable, Equatable, Codable {
    /// ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm".
    public var formatName: String
    /// The demuxer later ffmpeg runs are forced to (`-f`), e.g. "mov": the probe's choice, so a
    /// file cannot be read as one format when probed and as another when decoded.
    public var demuxer: String
    /// Seconds; nil when neither the container nor any stream says.
    public var duration: Double?
    /// Bits per second of the whole file, when known.
    public var bitRate: Int?
    public var videoStreams: [VideoStreamInfo]
    public var audioStreams: [AudioStreamInfo]
    public var subtitleStreams: [SubtitleStreamInfo]

    public init(formatName: String, demuxer: String, duration: Double?, bitRate: Int?,
                videoStreams: [VideoStreamInfo], audioStreams: [AudioStreamInfo], subtitleStreams: [SubtitleStreamInfo]) {
        self.formatName = formatName
        self.demuxer = demuxer
        self.duration = duration
        self.bitRate = bitRate
        self.videoStreams = videoStreams
        self.audioStreams = audioStreams
        self.subtitleStreams = subtitleStreams
    }

    /// The stream video analysis reads: the first video stream that is not cover art.
    public var primaryVideo: VideoStreamInfo? { videoStreams.first { !$0.isAttachedPicture } }
    public var hasAudio: Bool { !audioStreams.isEmpty }

    /// Container, streams and codecs as flat facts for the media item's metadata (the duration
    /// has a column of its own).
    public var summary: [String: String] {
        var facts = ["container": formatName]
        if let bitRate { facts["bit_rate"] = String(bitRate) }
        if let video = primaryVideo {
            facts["video_codec"] = video.codec
            facts["width"] = String(video.displayWidth)
            facts["height"] = String(video.displayHeight)
            if let rate = video.frameRate { facts["frame_rate"] = String(format: "%.3f", rate) }
        }
        if let audio = audioStreams.first {
            facts["audio_codec"] = audio.codec
            facts["audio_channels"] = String(audio.channels)
            facts["sample_rate"] = String(audio.sampleRate)
        }
        facts["video_streams"] = String(videoStreams.filter { !$0.isAttachedPicture }.count)
        facts["audio_streams"] = String(audioStreams.count)
        facts["subtitle_streams"] = String(subtitleStreams.count)
        return facts
    }
}

public struct VideoStreamInfo: Sendable, Equatable, Codable {
    /// ffmpeg's stream index in the file (`-map 0:INDEX`).
    public var index: Int
    public var codec: String
    /// Coded size, before rotation.
    public var width: Int
    public var height: Int
    /// Average frames per second, when known.
    public var frameRate: Double?
    /// Clockwise degrees (0, 90, 180, 270) a player turns the picture; ffmpeg applies it when decoding.
    public var rotation: Int
    /// Cover art or a thumbnail stored as a one-frame video stream (MP3, M4A).
    public var isAttachedPicture: Bool
    public var language: String?

    public init(index: Int, codec: String, width: Int, height: Int, frameRate: Double?, rotation: Int,
                isAttachedPicture: Bool, language: String? = nil) {
        self.index = index
        self.codec = codec
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.rotation = rotation
        self.isAttachedPicture = isAttachedPicture
        self.language = language
    }

    /// Size as shown, rotation applied.
    public var displayWidth: Int { rotation % 180 == 0 ? width : height }
    public var displayHeight: Int { rotation % 180 == 0 ? height : width }
}

public struct AudioStreamInfo: Sendable, Equatable, Codable {
    public var index: Int
    public var codec: String
    public var channels: Int
    public var sampleRate: Int
    /// ISO 639-2 code from the container ("eng"), when tagged.
    public var language: String?

    public init(index: Int, codec: String, channels: Int, sampleRate: Int, language: String? = nil) {
        self.index = index
        self.codec = codec
        self.channels = channels
        self.sampleRate = sampleRate
        self.language = language
    }
}

public struct SubtitleStreamInfo: Sendable, Equatable, Codable {
    public var index: Int
    public var codec: String
    public var language: String?
    public var title: String?
    /// Text subtitles (SubRip, ASS, WebVTT, mov_text…) can become WebVTT; bitmap ones (DVD,
    /// PGS, DVB) would need OCR and are not extracted.
    public var isText: Bool

    public init(index: Int, codec: String, language: String?, title: String?, isText: Bool) {
        self.index = index
        self.codec = codec
        self.language = language
        self.title = title
        self.isText = isText
    }

    static let textCodecs: Set<String> = [
        "subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text", "microdvd", "subviewer",
        "subviewer1", "sami", "realtext", "mpl2", "pjs", "jacosub", "vplayer", "stl", "ttml", "eia_608",
    ]
}
