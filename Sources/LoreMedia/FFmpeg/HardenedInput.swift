import Foundation

/// The input half of every ffmpeg/ffprobe command line Lore builds for untrusted media.
///
/// - only the `file` and `pipe` protocols: nothing named inside a file can reach the network;
/// - only allowed demuxers (`-format_whitelist`), and the probe's demuxer forced (`-f`) once
///   it is known, so a playlist renamed `.mp4` is never read as a playlist;
/// - QuickTime external data references stay off (`-enable_drefs 0`);
/// - decoders refuse frames above the pixel limit (`-max_pixels`);
/// - the path is passed as `file:<absolute path>`, so a name like `http:x.mp4` is still a file.
struct HardenedInput {
    var path: String
    var policy: MediaContainerPolicy
    /// Forced demuxer; nil only while probing.
    var demuxer: String?

    /// The file as an ffmpeg URL.
    var url: String { "file:" + URL(fileURLWithPath: path).standardizedFileURL.path }

    /// Arguments up to and including `-i URL`; `beforeInput` goes just before `-i` (seeking).
    func arguments(decoding: Bool = true, beforeInput: [String] = []) -> [String] {
        var arguments = ["-protocol_whitelist", "file,pipe", "-format_whitelist", policy.formatWhitelist]
        if let demuxer {
            arguments += ["-f", demuxer]
            if demuxer == "mov" { arguments += ["-enable_drefs", "0"] }
        }
        if decoding { arguments += ["-max_pixels", String(policy.maxFramePixels)] }
        return arguments + beforeInput + ["-i", url]
    }

    /// The common start of an ffmpeg command: no stdin, quiet unless something is wrong.
    static let ffmpegPrefix = ["-nostdin", "-hide_banner", "-loglevel", "error"]
}
