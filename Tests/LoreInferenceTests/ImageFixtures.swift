import Foundation
import LoreCore
import LoreSystem

/// Test pictures made at test time with the real ffmpeg (drawtext with Debian's DejaVu font).
enum ImageFixtures {
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    /// One piece of text to draw.
    struct Text {
        var text: String
        var x: Int
        var y: Int
        var size: Int
        var color = "black"
        /// Outline width (subtitles).
        var border = 0
    }

    /// Runs ffmpeg with `input` (a lavfi source), `filters` and writes one frame to a file of
    /// type `fileExtension`; returns its bytes.
    static func make(input: String, filters: [String], fileExtension: String = "png", extra: [String] = []) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("image.\(fileExtension)").path
        var arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", input]
        if !filters.isEmpty { arguments += ["-vf", filters.joined(separator: ",")] }
        arguments += extra + ["-frames:v", "1", output]
        let result = try await ProcessRunner.run("ffmpeg", arguments)
        guard result.succeeded, let data = FileManager.default.contents(atPath: output) else {
            throw LoreError(.processFailed, "ffmpeg could not make a fixture: \(result.standardError)")
        }
        return [UInt8](data)
    }

    /// Converts encoded bytes with ffmpeg (re-encode, mirror, rotate…).
    static func convert(_ bytes: [UInt8], from inputExtension: String = "png", to outputExtension: String,
                        filters: [String] = [], extra: [String] = []) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.\(inputExtension)")
        try Data(bytes).write(to: input)
        let output = folder.appendingPathComponent("out.\(outputExtension)").path
        var arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", input.path]
        if !filters.isEmpty { arguments += ["-vf", filters.joined(separator: ",")] }
        arguments += extra + ["-frames:v", "1", output]
        let result = try await ProcessRunner.run("ffmpeg", arguments)
        guard result.succeeded, let data = FileManager.default.contents(atPath: output) else {
            throw LoreError(.processFailed, "ffmpeg could not convert a fixture: \(result.standardError)")
        }
        return [UInt8](data)
    }

    static func drawtext(_ item: Text) -> String {
        var filter = "drawtext=fontfile=\(font):text='\(item.text)':x=\(item.x):y=\(item.y):fontsize=\(item.size):fontcolor=\(item.color)"
        if item.border > 0 { filter += ":borderw=\(item.border):bordercolor=black" }
        return filter
    }

    /// Text drawn on a flat background.
    static func text(_ items: [Text], width: Int, height: Int, background: String = "white",
                     boxes: [String] = [], fileExtension: String = "png") async throws -> EncodedImage {
        let bytes = try await make(input: "color=c=\(background):s=\(width)x\(height)",
                                   filters: boxes + items.map(drawtext), fileExtension: fileExtension)
        return EncodedImage(bytes: bytes)
    }

    /// Lines of text in a column, `size` pixels high, starting at (x, y).
    static func paragraph(_ lines: [String], x: Int = 30, y: Int = 30, size: Int, color: String = "black") -> [Text] {
        lines.enumerated().map { index, line in
            Text(text: line, x: x, y: y + index * size * 3 / 2, size: size, color: color)
        }
    }

    /// A PNG whose header declares `width` × `height` (with a valid CRC) but holds no real pixel data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = Array("IHDR".utf8)
        for value in [width, height] { ihdr += withUnsafeBytes(of: value.bigEndian, Array.init) }
        ihdr += [8, 2, 0, 0, 0] // 8-bit RGB, deflate, no filter, no interlace
        bytes += withUnsafeBytes(of: UInt32(13).bigEndian, Array.init)
        bytes += ihdr
        bytes += withUnsafeBytes(of: crc32(ihdr).bigEndian, Array.init)
        // A tiny IDAT (an empty zlib stream) and IEND, so only the size is hostile.
        let idat: [UInt8] = Array("IDAT".utf8) + [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]
        bytes += withUnsafeBytes(of: UInt32(idat.count - 4).bigEndian, Array.init) + idat
        bytes += withUnsafeBytes(of: crc32(idat).bigEndian, Array.init)
        let iend: [UInt8] = Array("IEND".utf8)
        bytes += [0, 0, 0, 0] + iend + withUnsafeBytes(of: crc32(iend).bigEndian, Array.init)
        return bytes
    }

    /// PNG's CRC-32 (ISO 3309) over chunk type and data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A JPEG with an EXIF APP1 segment declaring `orientation`, spliced in after SOI.
    static func withExifOrientation(_ jpeg: [UInt8], orientation: UInt16) -> [UInt8] {
        // Big-endian TIFF: header, IFD0 with one SHORT entry (0x0112), no next IFD.
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01]
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]
        tiff += withUnsafeBytes(of: orientation.bigEndian, Array.init) + [0x00, 0x00]
        tiff += [0x00, 0x00, 0x00, 0x00]
        let payload: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1] + withUnsafeBytes(of: length.bigEndian, Array.init) + payload + jpeg.dropFirst(2)
    }
}
