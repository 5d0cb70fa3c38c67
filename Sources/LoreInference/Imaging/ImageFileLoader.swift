import Foundation
import LoreCore
import LoreSystem

/// Loads a picture from a file for the OCR engine and the hasher: formats Leptonica reads are
/// passed through unchanged; anything else ffmpeg decodes (AVIF, HEIC, SVG-less stills, a frame
/// of a video) is converted to PNG by a hardened ffmpeg run first.
public struct ImageFileLoader: Sendable {
    public var limits: ImageDecodingLimits
    public var ffmpegLimits: ProcessLimits

    public init(limits: ImageDecodingLimits = ImageDecodingLimits()) {
        self.limits = limits
        self.ffmpegLimits = ProcessLimits(
            wallClock: .seconds(60), cpuSeconds: 60, addressSpaceBytes: 4 << 30,
            maxOutputBytes: limits.maxPixels * 4 + (1 << 20))
    }

    /// The image in `path`; for a video, its first frame (or the frame at `time` seconds).
    public func load(fileAt path: String, time: Double? = nil) async throws -> EncodedImage {
        let name = (path as NSString).lastPathComponent
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, FileManager.default.isReadableFile(atPath: path) else {
            throw LoreError(.notFound, "cannot read \(name)")
        }
        guard size <= limits.maxBytes else {
            throw LoreError(.imageTooLarge, "\(name) is \(size) bytes; the limit is \(limits.maxBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw LoreError(.notFound, "cannot read \(name)") }
        let bytes = [UInt8](data)
        if time == nil && ImageDecoder.recognizes(bytes) { return EncodedImage(bytes: bytes) }
        return try await convertWithFFmpeg(path: path, name: name, time: time)
    }

    private func convertWithFFmpeg(path: String, name: String, time: Double?) async throws -> EncodedImage {
        var arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,pipe",
                         // Refuse pixel bombs inside ffmpeg's decoders too.
                         "-max_pixels", String(limits.maxPixels)]
        if let time { arguments += ["-ss", String(format: "%.3f", max(0, time))] }
        arguments += ["-i", path, "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                      "-c:v", "png", "-f", "image2pipe", "pipe:1"]
        let output: ProcessOutput
        do {
            output = try await ProcessRunner.run("ffmpeg", arguments, limits: ffmpegLimits)
        } catch let error as LoreError where error.code == .processOutputTooLarge {
            throw LoreError(.imageTooLarge, "\(name) decodes to more pixels than allowed")
        }
        guard output.succeeded, !output.standardOutput.isEmpty else {
            throw LoreError(.imageFormatUnsupported, "\(name) is no image or video that Leptonica or ffmpeg can decode")
        }
        return EncodedImage(bytes: output.standardOutput)
    }
}
