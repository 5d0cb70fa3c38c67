import Foundation
import LoreCore
import LoreSystem

public extension ErrorCode {
    static let audioDecodeFailed = ErrorCode("audio_decode_failed", .invalidInput)
    static let audioTooLong = ErrorCode("audio_too_long", .tooLarge)
}

/// Decodes any audio or video file ffmpeg understands into 16 kHz mono float PCM for the speech
/// engines. ffmpeg runs hardened (`HardenedInput`): local file and pipe protocols only, allowed
/// demuxers only (the probe's forced when known), bounded time, CPU, memory and output, so a
/// hostile container cannot reach the network or exhaust the machine.
public struct AudioDecoder: Sendable {
    /// Longest audio decoded in one piece; longer inputs are an error, not a truncation.
    public var maxDuration: Double
    public var limits: ProcessLimits
    /// Containers ffmpeg may open.
    public var policy = MediaContainerPolicy()

    public init(maxDuration: Double = 4 * 3600, limits: ProcessLimits? = nil) {
        self.maxDuration = maxDuration
        let bytes = Int(maxDuration * Double(AudioBuffer.speechSampleRate)) * MemoryLayout<Float>.size
        self.limits = limits ?? ProcessLimits(
            wallClock: .seconds(max(120, Int(maxDuration / 10))),
            cpuSeconds: max(120, Int(maxDuration / 5)),
            addressSpaceBytes: 4 << 30,
            maxOutputBytes: bytes + (1 << 20))
    }

    /// Decodes the first audio stream of the file at `path`; with `probe` (from `MediaProbe`),
    /// ffmpeg is forced to the probed demuxer and reads that probe's first audio stream.
    public func decode(fileAt path: String, probe: MediaProbeResult? = nil) async throws -> AudioBuffer {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw LoreError(.audioDecodeFailed, "cannot read \((path as NSString).lastPathComponent)")
        }
        // Refuse before decoding what the probe already knows is too long.
        if let duration = probe?.duration, duration > maxDuration + 1 {
            throw LoreError(.audioTooLong, "audio is longer than \(Int(maxDuration)) s")
        }
        let output: ProcessOutput
        do {
            let input = HardenedInput(path: path, policy: policy, demuxer: probe?.demuxer)
            let stream = probe?.audioStreams.first.map { "0:\($0.index)" } ?? "0:a:0"
            output = try await ProcessRunner.run("ffmpeg", HardenedInput.ffmpegPrefix + input.arguments() + [
                "-map", stream, "-vn", "-sn", "-dn",
                "-ac", "1", "-ar", String(AudioBuffer.speechSampleRate),
                "-t", String(Int(maxDuration) + 1),
                "-f", "f32le", "pipe:1",
            ], limits: limits)
        } catch let error as LoreError where error.code == .processOutputTooLarge {
            throw LoreError(.audioTooLong, "audio is longer than \(Int(maxDuration)) s")
        }
        guard output.succeeded else {
            let reason = output.standardError.split(separator: "\n").last.map(String.init) ?? "ffmpeg failed"
            throw LoreError(.audioDecodeFailed, "cannot decode audio: \(reason)")
        }
        let samples = output.standardOutput.withUnsafeBytes { raw in
            Array(raw.bindMemory(to: Float.self).prefix(raw.count / MemoryLayout<Float>.size))
        }
        let audio = AudioBuffer(samples: samples.map { $0.isFinite ? $0 : 0 })
        if audio.duration > maxDuration {
            throw LoreError(.audioTooLong, "audio is longer than \(Int(maxDuration)) s")
        }
        return audio
    }
}
