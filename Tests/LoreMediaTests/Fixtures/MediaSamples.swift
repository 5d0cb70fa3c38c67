import Foundation
import LoreCore
import LoreSystem

/// Real media made at test time with ffmpeg.
enum MediaSamples {
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    /// Runs ffmpeg with `arguments` writing `fileExtension`; returns the bytes.
    static func ffmpeg(_ arguments: [String], fileExtension: String) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("sample.\(fileExtension)").path
        let result = try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments + [output])
        guard result.succeeded, let data = FileManager.default.contents(atPath: output) else {
            throw LoreError(.processFailed, "ffmpeg could not make a .\(fileExtension) sample: \(result.standardError)")
        }
        return [UInt8](data)
    }

    /// A still picture of the given size and format.
    static func image(_ fileExtension: String, width: Int = 64, height: Int = 48, extra: [String] = []) async throws -> [UInt8] {
        try await ffmpeg(["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height)", "-frames:v", "1"] + extra, fileExtension: fileExtension)
    }

    /// Black text lines on white as a JPEG (three components, as ffmpeg writes it), for a scanned PDF page.
    static func textPicture(_ lines: [String], width: Int, height: Int, size: Int) async throws -> [UInt8] {
        let filters = lines.enumerated().map { index, line in
            "drawtext=fontfile=\(font):text='\(line)':x=60:y=\(60 + index * size * 2):fontsize=\(size):fontcolor=black"
        }
        return try await ffmpeg(["-f", "lavfi", "-i", "color=c=white:s=\(width)x\(height)", "-vf", filters.joined(separator: ","),
                                 "-frames:v", "1", "-q:v", "2"], fileExtension: "jpg")
    }

    /// One second of a tone in the given container (audio only).
    static func audio(_ fileExtension: String, extra: [String] = []) async throws -> [UInt8] {
        try await ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1"] + extra, fileExtension: fileExtension)
    }

    /// One second of video (with a tone) in the given container.
    static func video(_ fileExtension: String, extra: [String] = []) async throws -> [UInt8] {
        try await ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1", "-f", "lavfi", "-i", "sine=duration=1",
                          "-shortest"] + extra, fileExtension: fileExtension)
    }
}
