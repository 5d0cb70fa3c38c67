import Foundation
import LoreCore
import Testing
@testable import LoreInference

/// Hostile and broken images give typed errors (or an empty result) and leave the engines usable.
@Suite struct BadImageInputTests {
    static func goodImage() async throws -> EncodedImage {
        try await ImageFixtures.text([.init(text: "Still working", x: 20, y: 20, size: 36)], width: 360, height: 90)
    }

    static func badInputs() async throws -> [(name: String, image: EncodedImage, code: ErrorCode?)] {
        let good = try await goodImage()
        var corrupt = good.bytes
        // Garble the middle of the compressed data; IDAT's CRC no longer matches.
        for index in (corrupt.count / 2)..<min(corrupt.count, corrupt.count / 2 + 64) { corrupt[index] ^= 0x5A }
        var generator = SystemRandomNumberGenerator()
        let onePixel = try await ImageFixtures.make(input: "color=c=white:s=2x2", filters: ["format=rgb24", "scale=1:1"])
        return [
            ("empty", EncodedImage(bytes: []), .imageDecodeFailed),
            ("random bytes", EncodedImage(bytes: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }), .imageFormatUnsupported),
            ("text, not an image", EncodedImage(bytes: Array("just some text, certainly not a picture".utf8)), .imageFormatUnsupported),
            ("20,000 × 20,000 PNG header", EncodedImage(bytes: ImageFixtures.pngHeader(width: 20_000, height: 20_000)), .imageTooLarge),
            ("PNG signature only", EncodedImage(bytes: Array(good.bytes.prefix(8))), .imageDecodeFailed),
            ("truncated PNG", EncodedImage(bytes: Array(good.bytes.prefix(good.bytes.count / 3))), .imageDecodeFailed),
            ("corrupt PNG", EncodedImage(bytes: corrupt), .imageDecodeFailed),
            ("1 × 1 PNG", EncodedImage(bytes: onePixel), nil),
        ]
    }

    @Test func ocrGivesTypedErrorsAndStaysUsable() async throws {
        let engine = try SharedOCREngine.get()
        for input in try await Self.badInputs() {
            if let code = input.code {
                let error = await #expect(throws: LoreError.self, "\(input.name)") {
                    _ = try await engine.recognize(input.image, options: OCROptions(hint: .screenshot))
                }
                #expect(error?.code == code, "\(input.name): \(String(describing: error))")
            } else {
                let result = try await engine.recognize(input.image, options: OCROptions())
                #expect(result.text.isEmpty && result.words.isEmpty, "\(input.name)")
            }
        }
        let after = try await engine.recognize(try await Self.goodImage(), options: OCROptions())
        #expect(after.text == "Still working")
    }

    @Test func hasherGivesTypedErrorsAndStaysUsable() async throws {
        let hasher = PerceptualImageHasher()
        for input in try await Self.badInputs() {
            if let code = input.code {
                let error = #expect(throws: LoreError.self, "\(input.name)") { _ = try hasher.hashes(of: input.image) }
                #expect(error?.code == code, "\(input.name): \(String(describing: error))")
            } else {
                #expect(try hasher.hashes(of: input.image).lowTexture, "\(input.name)")
            }
        }
        let good = try await Self.goodImage()
        #expect(try hasher.hashes(of: good) == hasher.hashes(of: good))
    }

    @Test func pixelBombIsRejectedFromTheHeader() throws {
        let bomb = EncodedImage(bytes: ImageFixtures.pngHeader(width: 20_000, height: 20_000))
        let decoder = ImageDecoder()
        let header = try decoder.header(of: bomb)
        #expect(header.format == "PNG" && header.width == 20_000 && header.height == 20_000)
        let error = #expect(throws: LoreError.self) { _ = try decoder.decode(bomb) }
        #expect(error?.code == .imageTooLarge)
        #expect(error?.details["width"] == "20000")
        #expect(error?.code.category == .tooLarge)
    }

    @Test func limitsAreConfigurable() async throws {
        let image = try await ImageFixtures.make(input: "color=c=gray:s=64x48", filters: [])
        let strict = ImageDecoder(limits: ImageDecodingLimits(maxPixels: 1000))
        #expect(throws: LoreError(.imageTooLarge, "the PNG image declares 64×48 pixels; the limits are 32000 per side and 1000 in all",
                                  details: ["width": "64", "height": "48"])) {
            _ = try strict.decode(EncodedImage(bytes: image))
        }
        let narrow = ImageDecoder(limits: ImageDecodingLimits(maxDimension: 50))
        #expect(throws: LoreError.self) { _ = try narrow.decode(EncodedImage(bytes: image)) }
        let small = ImageDecoder(limits: ImageDecodingLimits(maxBytes: 10))
        let error = #expect(throws: LoreError.self) { _ = try small.decode(EncodedImage(bytes: image)) }
        #expect(error?.code == .imageTooLarge)
        #expect(try ImageDecoder().decode(EncodedImage(bytes: image)).width == 64)
    }
}
