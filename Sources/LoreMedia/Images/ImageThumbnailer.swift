import Foundation
import LoreCore
import LoreSystem

public extension ErrorCode {
    static let thumbnailFailed = ErrorCode("thumbnail_failed", .invalidInput)
}

/// A small JPEG of an image, made by ffmpeg reading the bytes from a pipe (no file, no network
/// protocol, bounded pixels, time and memory).
public struct ImageThumbnailer: Sendable {
    public var maxSide: Int
    public var maxPixels: Int

    public init(maxSide: Int = 320, maxPixels: Int = 50_000_000) {
        self.maxSide = maxSide
        self.maxPixels = maxPixels
    }

    public func thumbnail(of image: EncodedImage) async throws -> [UInt8] {
        let output = try await ProcessRunner.run("ffmpeg", [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-protocol_whitelist", "pipe", "-f", "image2pipe", "-max_pixels", String(maxPixels), "-i", "pipe:0",
            "-frames:v", "1",
            "-vf", "scale=w=\(maxSide):h=\(maxSide):force_original_aspect_ratio=decrease:force_divisible_by=2",
            "-q:v", "5", "-f", "image2", "-c:v", "mjpeg", "pipe:1",
        ], input: image.bytes, limits: ProcessLimits(wallClock: .seconds(30), cpuSeconds: 30, addressSpaceBytes: 2 << 30, maxOutputBytes: 4 << 20))
        guard output.succeeded, !output.standardOutput.isEmpty else {
            throw LoreError(.thumbnailFailed, "cannot make a thumbnail: \(output.standardError.split(separator: "\n").last ?? "ffmpeg failed")")
        }
        return output.standardOutput
    }
}
