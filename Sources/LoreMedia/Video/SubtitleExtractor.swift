import Foundation
import LoreCore
import LoreSystem

/// An embedded text subtitle track converted to WebVTT, as the file provides it (not ASR).
public struct SubtitleTrackText: Sendable, Equatable, Codable {
    /// ffmpeg's stream index in the file.
    public var streamIndex: Int
    /// The track's own codec before conversion ("subrip", "mov_text", "ass", …).
    public var codec: String
    /// ISO 639-2 code from the container, when tagged.
    public var language: String?
    public var title: String?
    /// The whole track as WebVTT text ("WEBVTT" header, cues with start --> end).
    public var webVTT: String

    public init(streamIndex: Int, codec: String, language: String?, title: String?, webVTT: String) {
        self.streamIndex = streamIndex
        self.codec = codec
        self.language = language
        self.title = title
        self.webVTT = webVTT
    }
}

/// Converts embedded text subtitle streams to WebVTT with a hardened ffmpeg (forced demuxer,
/// file/pipe protocols, bounded time and output). Bitmap subtitles (DVD, PGS, DVB) are skipped.
public struct SubtitleExtractor: Sendable {
    public var policy: MediaContainerPolicy
    /// Largest WebVTT text accepted per track.
    public var maxBytesPerTrack: Int

    public init(policy: MediaContainerPolicy = MediaContainerPolicy(), maxBytesPerTrack: Int = 16 << 20) {
        self.policy = policy
        self.maxBytesPerTrack = maxBytesPerTrack
    }

    /// Every text subtitle track; a track that cannot be converted is reported in `failures`
    /// (stream index → message) instead of failing the others.
    public func extractAll(fileAt path: String, probe: MediaProbeResult) async throws -> (tracks: [SubtitleTrackText], failures: [Int: String]) {
        var tracks: [SubtitleTrackText] = []
        var failures: [Int: String] = [:]
        for stream in probe.subtitleStreams where stream.isText {
            try Task.checkCancellation()
            do {
                tracks.append(try await extract(stream, fileAt: path, probe: probe))
            } catch let error as LoreError {
                failures[stream.index] = error.message
            }
        }
        return (tracks, failures)
    }

    /// One text subtitle stream of the file as WebVTT.
    public func extract(_ stream: SubtitleStreamInfo, fileAt path: String, probe: MediaProbeResult) async throws -> SubtitleTrackText {
        let name = (path as NSString).lastPathComponent
        guard stream.isText else {
            throw LoreError(.unsupportedMediaType, "subtitle stream \(stream.index) of \(name) is \(stream.codec) (pictures, not text)")
        }
        // Only the subtitle packets are read; seconds of demuxing per hour of video.
        let wall = 60 + (probe.duration ?? policy.maxDuration) / 20
        let limits = ProcessLimits(wallClock: .milliseconds(Int(wall * 1000)), cpuSeconds: Int(wall),
                                   addressSpaceBytes: 2 << 30, maxOutputBytes: maxBytesPerTrack)
        let input = HardenedInput(path: path, policy: policy, demuxer: probe.demuxer)
        let output: ProcessOutput
        do {
            output = try await ProcessRunner.run("ffmpeg", HardenedInput.ffmpegPrefix + input.arguments(decoding: false) + [
                "-map", "0:\(stream.index)", "-vn", "-an", "-dn", "-c:s", "webvtt", "-f", "webvtt", "pipe:1",
            ], limits: limits)
        } catch let error as LoreError where error.code == .processOutputTooLarge {
            throw LoreError(.payloadTooLarge, "subtitle stream \(stream.index) of \(name) is larger than \(maxBytesPerTrack) bytes as WebVTT")
        }
        guard output.succeeded else {
            let reason = output.standardError.split(separator: "\n").last.map(String.init) ?? "ffmpeg failed"
            throw LoreError(.mediaDecodeFailed, "cannot read subtitle stream \(stream.index) of \(name): \(reason)")
        }
        return SubtitleTrackText(streamIndex: stream.index, codec: stream.codec, language: stream.language,
                                 title: stream.title, webVTT: output.standardOutputText)
    }
}
