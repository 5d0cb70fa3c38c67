import Foundation
import LoreCore
import LoreSystem

/// Reads a media file's container, duration and streams with a hardened ffprobe, and refuses
/// what Lore will not process: playlists and other files that reference further media,
/// containers outside the allow-list, corrupt or empty files, files without audio or video,
/// and media longer or larger than the policy allows.
public struct MediaProbe: Sendable {
    public var policy: MediaContainerPolicy
    public var limits: ProcessLimits

    public init(policy: MediaContainerPolicy = MediaContainerPolicy(),
                limits: ProcessLimits = ProcessLimits(wallClock: .seconds(30), cpuSeconds: 30,
                                                      addressSpaceBytes: 2 << 30, maxOutputBytes: 8 << 20)) {
        self.policy = policy
        self.limits = limits
    }

    public func probe(fileAt path: String) async throws -> MediaProbeResult {
        let name = (path as NSString).lastPathComponent
        let head = try Self.readHead(of: path, name: name)
        if let kind = MediaContainerPolicy.referenceFormat(startingWith: head) {
            throw LoreError(.mediaExternalReference, "\(name) is \(kind), which points at other files or URLs; upload the media itself")
        }
        let input = HardenedInput(path: path, policy: policy, demuxer: nil)
        let output = try await ProcessRunner.run("ffprobe", [
            "-hide_banner", "-v", "warning",
        ] + input.arguments(decoding: false) + [
            "-print_format", "json", "-show_format", "-show_streams",
        ], limits: limits)
        try Self.refuseExternalReferences(output.standardError, name: name)
        guard output.succeeded else { throw Self.failure(output.standardError, name: name) }
        let report: FFprobeReport
        do {
            report = try JSONDecoder().decode(FFprobeReport.self, from: Data(output.standardOutput))
        } catch {
            throw LoreError(.mediaCorrupt, "\(name): ffprobe's report could not be read", diagnostic: "\(error)")
        }
        return try result(from: report, name: name)
    }

    // MARK: - Checks

    private static func readHead(of path: String, name: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            throw LoreError(.notFound, "cannot read \(name)")
        }
        defer { try? handle.close() }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard (attributes?[.type] as? FileAttributeType) == .typeRegular else {
            throw LoreError(.mediaCorrupt, "\(name) is not a regular file")
        }
        let head = [UInt8](handle.readData(ofLength: 4096))
        guard !head.isEmpty else { throw LoreError(.mediaCorrupt, "\(name) is empty (0 bytes)") }
        return head
    }

    /// The mov demuxer logs and skips tracks whose data lives in another file; such a file was
    /// made to reach outside itself, so it is refused rather than half-read.
    private static func refuseExternalReferences(_ log: String, name: String) throws {
        let markers = ["Skipped opening external track", "external reference", "alias: path"]
        if markers.contains(where: { log.localizedCaseInsensitiveContains($0) }) {
            throw LoreError(.mediaExternalReference, "\(name) has tracks stored in other files; upload self-contained media")
        }
    }

    /// Demuxers whose purpose is to read other files or URLs.
    private static let referencingDemuxers: Set<String> = [
        "hls", "dash", "concat", "webm_dash_manifest", "image2", "sdp", "rtsp", "rtp", "ffmetadata", "tee",
    ]

    private static func failure(_ log: String, name: String) -> LoreError {
        let lines = log.split(separator: "\n").map(String.init)
        if let refused = lines.first(where: { $0.contains("Format not on whitelist") }) {
            let demuxer = Self.demuxerName(in: refused) ?? "unknown"
            if demuxer.split(separator: ",").contains(where: { referencingDemuxers.contains(String($0)) }) {
                return LoreError(.mediaExternalReference, "\(name) is read by ffmpeg's \(demuxer) demuxer, which opens other files or URLs; refused",
                                 details: ["demuxer": demuxer])
            }
            return LoreError(.mediaUnsupportedContainer, "\(name) is a \(demuxer) file; Lore accepts local audio/video containers only",
                             details: ["demuxer": demuxer])
        }
        if lines.contains(where: { $0.contains("Protocol") && $0.contains("not on whitelist") }) {
            return LoreError(.mediaExternalReference, "\(name) refers to a URL; only self-contained local media is read")
        }
        let reason = lines.last.map { Self.withoutPath($0) } ?? "ffprobe failed"
        return LoreError(.mediaCorrupt, "\(name) is not readable media: \(reason)", diagnostic: log.isEmpty ? nil : String(log.suffix(2000)))
    }

    /// "[hls @ 0x55…] Format not on whitelist …" → "hls".
    static func demuxerName(in line: String) -> String? {
        guard line.hasPrefix("["), let at = line.range(of: " @ ") else { return nil }
        return String(line[line.index(after: line.startIndex)..<at.lowerBound])
    }

    /// ffmpeg ends with "file:/path/name: reason"; keep only the reason (paths are not for clients).
    private static func withoutPath(_ line: String) -> String {
        guard let colon = line.range(of: ": ", options: .backwards) else { return line }
        return String(line[colon.upperBound...])
    }

    // MARK: - Result

    private func result(from report: FFprobeReport, name: String) throws -> MediaProbeResult {
        guard let formatName = report.format?.format_name, !formatName.isEmpty else {
            throw LoreError(.mediaCorrupt, "\(name): ffprobe found no container")
        }
        guard policy.allows(formatName: formatName) else {
            throw LoreError(.mediaUnsupportedContainer, "\(name) is a \(formatName) file; Lore accepts local audio/video containers only",
                            details: ["demuxer": formatName])
        }
        let demuxer = formatName.split(separator: ",").map(String.init).first { policy.allowedDemuxers.contains($0) } ?? formatName
        var videos: [VideoStreamInfo] = [], audios: [AudioStreamInfo] = [], subtitles: [SubtitleStreamInfo] = []
        for stream in report.streams ?? [] {
            let codec = stream.codec_name ?? "unknown"
            switch stream.codec_type {
            case "video":
                guard let width = stream.width, let height = stream.height, width > 0, height > 0 else { continue }
                videos.append(VideoStreamInfo(
                    index: stream.index, codec: codec, width: width, height: height,
                    frameRate: FFprobeReport.rational(stream.avg_frame_rate) ?? FFprobeReport.rational(stream.r_frame_rate),
                    rotation: Self.clockwiseRotation(stream),
                    isAttachedPicture: (stream.disposition?.attached_pic ?? 0) != 0,
                    language: stream.tag("language")))
            case "audio":
                audios.append(AudioStreamInfo(
                    index: stream.index, codec: codec, channels: stream.channels ?? 0,
                    sampleRate: stream.sample_rate.flatMap { Int($0) } ?? 0, language: stream.tag("language")))
            case "subtitle":
                subtitles.append(SubtitleStreamInfo(
                    index: stream.index, codec: codec, language: stream.tag("language"), title: stream.tag("title"),
                    isText: SubtitleStreamInfo.textCodecs.contains(codec)))
            default:
                continue
            }
        }
        guard !audios.isEmpty || videos.contains(where: { !$0.isAttachedPicture }) else {
            throw LoreError(.mediaNoStreams, "\(name) has no audio or video stream")
        }
        if let large = videos.first(where: { $0.width * $0.height > policy.maxFramePixels }) {
            throw LoreError(.mediaFrameTooLarge, "\(name) has \(large.width)×\(large.height) frames; the limit is \(policy.maxFramePixels) pixels",
                            details: ["width": String(large.width), "height": String(large.height)])
        }
        let streamDurations = (report.streams ?? []).compactMap { FFprobeReport.seconds($0.duration) }
        let duration = FFprobeReport.seconds(report.format?.duration) ?? streamDurations.max()
        if let duration, duration > policy.maxDuration {
            throw LoreError(.mediaTooLong, "\(name) lasts \(Self.clock(duration)); the limit is \(Self.clock(policy.maxDuration))",
                            details: ["duration": String(format: "%.3f", duration)])
        }
        return MediaProbeResult(
            formatName: formatName, demuxer: demuxer, duration: duration,
            bitRate: report.format?.bit_rate.flatMap { Int($0) },
            videoStreams: videos, audioStreams: audios, subtitleStreams: subtitles)
    }

    /// Display-matrix side data is counter-clockwise; the older `rotate` tag is clockwise.
    private static func clockwiseRotation(_ stream: FFprobeReport.Stream) -> Int {
        var degrees = 0.0
        if let matrix = stream.side_data_list?.first(where: { $0.side_data_type == "Display Matrix" }), let rotation = matrix.rotation {
            degrees = -rotation
        } else if let tag = stream.tag("rotate"), let rotation = Double(tag) {
            degrees = rotation
        }
        guard degrees.isFinite else { return 0 }
        let quarter = Int((degrees / 90).rounded()) * 90
        return ((quarter % 360) + 360) % 360
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }
}
