import Foundation
import LoreCore
import Testing
@testable import LoreInference

@Suite struct PerceptualImageHasherTests {
    let hasher = PerceptualImageHasher()
    let rule = NearDuplicateRule()

    /// A textured picture: a Mandelbrot view with a label, not symmetric.
    static func photo() async throws -> [UInt8] {
        try await ImageFixtures.make(input: "mandelbrot=s=480x360:start_scale=2.2:end_scale=2.2",
                                     filters: [ImageFixtures.drawtext(.init(text: "Lore", x: 40, y: 40, size: 60, color: "white"))])
    }

    @Test func losslessCopiesHashIdentically() async throws {
        let png = try await Self.photo()
        let original = try hasher.hashes(of: EncodedImage(bytes: png))
        for format in ["bmp", "tif", "ppm"] {
            let copy = try await ImageFixtures.convert(png, to: format)
            #expect(try hasher.hashes(of: EncodedImage(bytes: copy)) == original, "\(format)")
        }
        #expect(!original.lowTexture)
    }

    @Test func reEncodedAndResizedCopiesAreNearDuplicates() async throws {
        let png = try await Self.photo()
        let original = try hasher.hashes(of: EncodedImage(bytes: png))
        let jpeg = try await ImageFixtures.convert(png, to: "jpg", extra: ["-q:v", "8"])
        let small = try await ImageFixtures.convert(png, to: "jpg", filters: ["scale=240:180"])
        let grey = try await ImageFixtures.convert(png, to: "png", filters: ["format=gray"])
        for (name, bytes) in [("jpeg", jpeg), ("half size", small), ("grey", grey)] {
            let comparison = rule.compare(original, try hasher.hashes(of: EncodedImage(bytes: bytes)))
            #expect(comparison.isNearDuplicate && comparison.matchedBy == "upright", "\(name): \(comparison)")
            #expect(comparison.dHashDistance <= 4 && comparison.pHashDistance <= 4, "\(name): \(comparison)")
        }
    }

    @Test func mirroredAndTurnedCopiesMatchCanonically() async throws {
        let png = try await Self.photo()
        let original = try hasher.hashes(of: EncodedImage(bytes: png))
        for filter in ["hflip", "vflip", "transpose=1", "rotate=25*PI/180:fillcolor=black"] {
            let copy = try await ImageFixtures.convert(png, to: "png", filters: [filter])
            let comparison = rule.compare(original, try hasher.hashes(of: EncodedImage(bytes: copy)))
            #expect(comparison.isNearDuplicate, "\(filter): \(comparison)")
        }
    }

    @Test func differentPicturesAreFarApart() async throws {
        let photo = try hasher.hashes(of: EncodedImage(bytes: try await Self.photo()))
        for source in ["testsrc2=s=480x360", "smptebars=s=480x360", "mandelbrot=s=480x360:start_x=-0.75:start_y=0.1:start_scale=0.05:end_scale=0.05"] {
            let other = try hasher.hashes(of: EncodedImage(bytes: try await ImageFixtures.make(input: source, filters: [])))
            let comparison = rule.compare(photo, other)
            #expect(!comparison.isNearDuplicate, "\(source): \(comparison)")
            #expect(max(comparison.dHashDistance, comparison.pHashDistance) > 14, "\(source): \(comparison)")
        }
    }

    @Test func flatPicturesAreLowTextureAndNeverDuplicates() async throws {
        let blue = try hasher.hashes(of: EncodedImage(bytes: try await ImageFixtures.make(input: "color=c=0x3050A0:s=320x240", filters: [])))
        let grey = try hasher.hashes(of: EncodedImage(bytes: try await ImageFixtures.make(input: "color=c=gray:s=640x480", filters: ["noise=alls=3:allf=u"])))
        #expect(blue.lowTexture && grey.lowTexture)
        let comparison = rule.compare(blue, grey)
        #expect(comparison.lowTexture && !comparison.isNearDuplicate)
    }

    @Test func hashBitsFollowTheirDefinitions() {
        // Brightness rising to the right: every dHash bit set.
        let ramp = (0..<8).flatMap { _ in (0..<9).map { Double($0) } }
        #expect(HashBits.difference(ramp) == UInt64.max)
        #expect(HashBits.difference(ramp.reversed()) == 0)
        // pHash bits: the 32 largest of 64 distinct values, first value in the top bit.
        let values = (0..<64).map(Double.init)
        #expect(HashBits.aboveMedian(values) == 0x0000_0000_FFFF_FFFF)
        #expect(PerceptualHashes.hammingDistance(0b1011, 0b0110) == 3)
    }

    @Test func lowFrequencyDCTMatchesTheDefinition() {
        let dct = LowFrequencyDCT(size: 4, keep: 2)
        let block: [Double] = [1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7]
        let coefficients = dct.transform(block)
        // DC = sum of all values; the first horizontal and vertical terms are equal by symmetry.
        #expect(abs(coefficients[0] - 64) < 1e-9)
        #expect(abs(coefficients[1] - coefficients[2]) < 1e-9)
        let expected = (0..<4).reduce(0.0) { sum, y in
            sum + (0..<4).reduce(0.0) { $0 + block[y * 4 + $1] * cos(Double.pi * Double(2 * $1 + 1) / 8) }
        }
        #expect(abs(coefficients[1] - expected) < 1e-9)
    }

    @Test func areaResizeAveragesExactly() {
        let image = GrayImage(width: 4, height: 2, pixels: [0, 100, 200, 40, 10, 110, 210, 50])
        #expect(image.areaResized(width: 2, height: 1) == [55, 125])
        #expect(image.areaResized(width: 1, height: 1) == [90])
        let stretched = GrayImage(width: 1, height: 1, pixels: [77]).areaResized(width: 9, height: 8)
        #expect(stretched.allSatisfy { abs($0 - 77) < 1e-9 })
    }
}
