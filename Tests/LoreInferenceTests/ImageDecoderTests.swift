import Foundation
import LoreCore
import Testing
@testable import LoreInference

@Suite struct ImageDecoderTests {
    @Test(arguments: ["png", "jpg", "tif", "bmp", "webp", "gif", "pgm"])
    func decodesCommonFormats(fileExtension: String) async throws {
        let bytes = try await ImageFixtures.make(input: "testsrc2=s=160x120", filters: [], fileExtension: fileExtension)
        let image = try ImageDecoder().decode(EncodedImage(bytes: bytes))
        #expect(image.width == 160 && image.height == 120)
        let gray = try image.grayPixels()
        #expect(gray.pixels.count == 160 * 120)
        #expect(Set(gray.pixels).count > 20)
    }

    @Test func appliesExifOrientation() async throws {
        // A wide picture, dark on its left half, stored with "turn right to view" (6).
        let jpeg = try await ImageFixtures.make(input: "color=c=white:s=80x40", filters: ["drawbox=x=0:y=0:w=40:h=40:color=black:t=fill"], fileExtension: "jpg")
        let tagged = ImageFixtures.withExifOrientation(jpeg, orientation: 6)
        #expect(ExifOrientation.read(jpeg: tagged) == .turnedRight)
        #expect(ExifOrientation.read(jpeg: jpeg) == nil)

        let upright = try ImageDecoder().decode(EncodedImage(bytes: tagged)).grayPixels()
        #expect(upright.width == 40 && upright.height == 80)
        // Turned clockwise, the dark left half is now the top half.
        #expect(upright[20, 10] < 60 && upright[20, 70] > 200)

        let raw = try ImageDecoder(appliesExifOrientation: false).decode(EncodedImage(bytes: tagged))
        #expect(raw.width == 80 && raw.height == 40)
    }

    @Test func exifParserSurvivesGarbage() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 2, 4, 6, 20, 200] {
            let garbage: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = ExifOrientation.read(jpeg: garbage)
        }
        // An APP1 whose IFD offset points far outside the segment.
        let hostile: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x16] + Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0x00, 0x2A, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]
        #expect(ExifOrientation.read(jpeg: hostile) == nil)
    }

    @Test func grayPixelsRoundTripThroughLeptonica() throws {
        for width in [1, 3, 4, 7, 33] {
            let gray = GrayImage(width: width, height: 5, pixels: (0..<(width * 5)).map { UInt8(truncatingIfNeeded: $0 * 37) })
            #expect(try LeptonicaImage(gray: gray).grayPixels() == gray)
        }
    }

    @Test func bicubicEnlargementKeepsFlatAreasAndEdges() {
        let edge = GrayImage(width: 8, height: 2, pixels: [UInt8](repeating: 0, count: 4) + [UInt8](repeating: 200, count: 4)
                                                         + [UInt8](repeating: 0, count: 4) + [UInt8](repeating: 200, count: 4))
        let big = edge.bicubicScaled(by: 3)
        #expect(big.width == 24 && big.height == 6)
        // Far from the edge the values are exact; next to it they stay within range.
        #expect(big[0, 3] == 0 && big[23, 3] == 200)
        #expect(big[11, 3] < big[12, 3])
        let flat = GrayImage(width: 5, height: 4, pixels: [UInt8](repeating: 90, count: 20)).bicubicScaled(by: 2.5)
        #expect(flat.pixels.allSatisfy { $0 == 90 })
    }

    @Test func transparentScreenshotsBecomeDarkOnWhite() async throws {
        // Black text on a fully transparent background (hidden colour black, too).
        let bytes = try await ImageFixtures.make(input: "color=c=black@0.0:s=120x40,format=rgba",
                                                 filters: [ImageFixtures.drawtext(.init(text: "Hi", x: 10, y: 5, size: 28))])
        let gray = try ImageDecoder().decode(EncodedImage(bytes: bytes)).grayPixels()
        #expect(Histogram(gray).median > 200)
    }

    @Test func loaderConvertsVideoFramesWithFFmpeg() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let video = folder.appendingPathComponent("clip.mp4").path
        let made = try await ProcessRunnerShortcut.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:d=2", "-pix_fmt", "yuv420p", video])
        #expect(made)
        let frame = try await ImageFileLoader().load(fileAt: video, time: 1.0)
        let header = try ImageDecoder().header(of: frame)
        #expect(header.format == "PNG" && header.width == 320 && header.height == 240)

        let missing = await #expect(throws: LoreError.self) { _ = try await ImageFileLoader().load(fileAt: folder.appendingPathComponent("nope.png").path) }
        #expect(missing?.code == .notFound)
        let text = folder.appendingPathComponent("notes.txt")
        try Data("no picture here".utf8).write(to: text)
        let unsupported = await #expect(throws: LoreError.self) { _ = try await ImageFileLoader().load(fileAt: text.path) }
        #expect(unsupported?.code == .imageFormatUnsupported)
    }
}

import LoreSystem

enum ProcessRunnerShortcut {
    static func ffmpeg(_ arguments: [String]) async throws -> Bool {
        try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments).succeeded
    }
}
