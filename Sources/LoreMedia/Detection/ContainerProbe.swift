/// What a container probe (ffprobe) found in an audio or video file. The video stage's probe
/// produces it; detection only needs these facts.
public struct ContainerProbeSummary: Sendable, Hashable, Codable {
    /// A moving-picture stream; cover art and single still pictures do not count.
    public var hasVideo: Bool
    public var hasAudio: Bool
    public var durationSeconds: Double?
    /// The demuxer's name, for example `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`.
    public var formatName: String?
    /// Streams and codecs as flat facts for the media item's metadata (`MediaProbeResult.summary`).
    public var facts: [String: String]

    public init(hasVideo: Bool, hasAudio: Bool, durationSeconds: Double? = nil, formatName: String? = nil, facts: [String: String] = [:]) {
        self.hasVideo = hasVideo
        self.hasAudio = hasAudio
        self.durationSeconds = durationSeconds
        self.formatName = formatName
        self.facts = facts
    }
}

/// Confirms an audio/video container detected from its magic bytes by actually opening it
/// (hardened ffprobe in the video stage). Throws a `LoreError` when the container is unreadable.
public typealias ContainerProbe = @Sendable (_ path: String) async throws -> ContainerProbeSummary
