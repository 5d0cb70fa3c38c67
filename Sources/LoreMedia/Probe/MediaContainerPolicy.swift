import Foundation

/// Which containers Lore opens and how much media it accepts.
///
/// ffmpeg can open far more than local files: HLS and DASH playlists, concat lists, image
/// sequences by pattern, `tty` text, SDP and more, several of which fetch other files or URLs
/// named inside the input. Lore only lets ffmpeg pick among `allowedDemuxers` (its
/// `-format_whitelist`, checked after probing and before a demuxer reads anything) and reads
/// only through the `file` and `pipe` protocols.
public struct MediaContainerPolicy: Sendable, Equatable {
    /// ffmpeg demuxer names (`ffmpeg -demuxers`): local containers that cannot reference other files.
    public var allowedDemuxers: [String]
    /// Longest media accepted, in seconds.
    public var maxDuration: Double
    /// Largest video frame accepted (width × height); also ffmpeg's `-max_pixels` for decoders.
    public var maxFramePixels: Int

    /// Audio and video containers that hold their own data. QuickTime data references to other
    /// files stay disabled (the mov demuxer's `enable_drefs` is off by default, and the probe
    /// refuses files that try).
    public static let localAudioVideoDemuxers = [
        "mov", "matroska", "avi", "flv", "mpegts", "mpeg", "ogg", "asf", "nut", "ivf", "dv",
        "wav", "w64", "mp3", "flac", "aac", "ac3", "eac3", "amr", "aiff", "caf", "au", "wv", "ape", "tta",
    ]

    public init(allowedDemuxers: [String] = Self.localAudioVideoDemuxers,
                maxDuration: Double = 4 * 3600,
                maxFramePixels: Int = 8192 * 4320) {
        self.allowedDemuxers = allowedDemuxers
        self.maxDuration = maxDuration
        self.maxFramePixels = maxFramePixels
    }

    /// The `-format_whitelist` value.
    var formatWhitelist: String { allowedDemuxers.joined(separator: ",") }

    /// True when ffmpeg's demuxer name (possibly a list such as "mov,mp4,m4a,3gp,3g2,mj2") is allowed.
    func allows(formatName: String) -> Bool {
        formatName.split(separator: ",").contains { allowedDemuxers.contains(String($0)) }
    }

    /// Names the kind of reference file `bytes` (the start of a file) is, when it is one: text
    /// formats whose purpose is to point at other media. Used to give a precise error; the
    /// whitelist refuses them either way.
    static func referenceFormat(startingWith bytes: [UInt8]) -> String? {
        var start = bytes[...]
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        let text = String(decoding: start.prefix(512), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasPrefix("#extm3u") { return "an HLS/M3U playlist" }
        if text.hasPrefix("ffconcat") || text.hasPrefix("file ") || text.hasPrefix("file\t") { return "an ffmpeg concat list" }
        if text.hasPrefix("<?xml") || text.hasPrefix("<mpd") {
            if text.contains("<mpd") { return "a DASH manifest" }
            if text.contains("<smil") { return "a SMIL playlist" }
        }
        if text.hasPrefix("[playlist]") { return "a PLS playlist" }
        if text.hasPrefix("v=0") && text.contains("\nm=") { return "an SDP session description" }
        if text.hasPrefix(";ffmetadata") { return "an ffmetadata file" }
        if text.hasPrefix("<asx") || text.hasPrefix("#extinf") { return "a playlist" }
        return nil
    }
}
