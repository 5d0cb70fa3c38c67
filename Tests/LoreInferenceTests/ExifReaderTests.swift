import Foundation
import LoreCore
import LoreTestSupport
import Testing
@testable import LoreInference

@Suite struct ExifReaderTests {
    private func jpeg(withExif tiff: [UInt8], width: Int = 80, height: Int = 40) async throws -> [UInt8] {
        let plain = try await ImageFixtures.make(input: "color=c=gray:s=\(width)x\(height)", filters: [], fileExtension: "jpg")
        return TIFFWriter.jpeg(plain, withExif: tiff)
    }

    @Test(arguments: [true, false])
    func readsCameraTagsInBothByteOrders(littleEndian: Bool) async throws {
        let tags = try #require(ExifReader.read(try await jpeg(withExif: TIFFWriter(littleEndian: littleEndian).cameraTIFF())))
        #expect(tags.make == "Canon")
        #expect(tags.model == "Canon EOS 5D Mark IV")
        #expect(tags.orientation == 1)
        #expect(tags.dateTimeOriginal == "2024:05:17 14:03:22")
        #expect(tags.offsetTimeOriginal == "+02:00")
        #expect(tags.hasGPS)
        let location = try #require(tags.location)
        #expect(abs(location.latitude - (48 + 51.0 / 60 + 24.48 / 3600)) < 1e-9)
        #expect(abs(location.longitude - (2 + 21.0 / 60 + 7.92 / 3600)) < 1e-9)
        #expect(location.altitude == 35)
    }

    @Test func metadataDropsLocationUnlessKept() async throws {
        let image = EncodedImage(bytes: try await jpeg(withExif: TIFFWriter(littleEndian: true).cameraTIFF(south: true)))
        let metadata = try ImageMetadataReader().read(image)
        #expect(metadata.width == 80 && metadata.height == 40)
        #expect(metadata.captureTime == "2024-05-17T14:03:22+02:00")
        #expect(metadata.cameraMake == "Canon" && metadata.cameraModel == "Canon EOS 5D Mark IV")
        #expect(metadata.location == nil && metadata.locationDropped)
        let kept = try ImageMetadataReader(keepsLocation: true).read(image)
        #expect(!kept.locationDropped)
        #expect(try #require(kept.location).latitude < 0)
    }

    @Test func dimensionsAreAsShownForTurnedPhotos() async throws {
        let image = EncodedImage(bytes: try await jpeg(withExif: TIFFWriter(littleEndian: false).cameraTIFF(orientation: 6)))
        let metadata = try ImageMetadataReader().read(image)
        #expect(metadata.orientation == 6)
        #expect(metadata.width == 40 && metadata.height == 80)
        // The decoder agrees: the header-only reading matches the decoded picture.
        let decoded = try ImageDecoder().decode(image)
        #expect(decoded.width == metadata.width && decoded.height == metadata.height)
        #expect(ExifOrientation.read(jpeg: image.bytes) == .turnedRight)
    }

    @Test func readsPNGsExifChunk() async throws {
        let png = try await ImageFixtures.make(input: "color=c=white:s=30x20", filters: [], fileExtension: "png")
        let tiff = TIFFWriter(littleEndian: true).tiff([(0x010F, .ascii("Pixel")), (0x0110, .ascii("Pixel 8"))])
        let chunkType = Array("eXIf".utf8)
        let chunk = withUnsafeBytes(of: UInt32(tiff.count).bigEndian, Array.init) + chunkType + tiff
            + withUnsafeBytes(of: ImageFixtures.crc32(chunkType + tiff).bigEndian, Array.init)
        // After the signature and IHDR (8 + 25 bytes).
        let tagged = Array(png.prefix(33)) + chunk + Array(png.dropFirst(33))
        let metadata = try ImageMetadataReader().read(EncodedImage(bytes: tagged))
        #expect(metadata.cameraModel == "Pixel 8")
        #expect(metadata.width == 30 && metadata.height == 20)
        #expect(metadata.captureTime == nil && !metadata.locationDropped)
    }

    @Test func picturesWithoutExifHaveOnlyTheirSize() async throws {
        let png = try await ImageFixtures.make(input: "color=c=white:s=30x20", filters: [], fileExtension: "png")
        #expect(try ImageMetadataReader().read(EncodedImage(bytes: png)) == ImageMetadata(width: 30, height: 20))
    }

    @Test func unsetAndMalformedDatesAreDropped() {
        func time(_ original: String?, offset: String? = nil) -> String? {
            ImageMetadataReader.captureTime(ExifTags(dateTimeOriginal: original, offsetTimeOriginal: offset))
        }
        #expect(time("0000:00:00 00:00:00") == nil)
        #expect(time("2024:13:01 00:00:00") == nil)
        #expect(time("garbage") == nil)
        #expect(time("2024:02:29 23:59:59", offset: "junk") == "2024-02-29T23:59:59")
        #expect(time("2024:02:29 23:59:59", offset: "-05:00") == "2024-02-29T23:59:59-05:00")
    }

    @Test func hostileStructuresNeverCrash() async throws {
        let valid = TIFFWriter(littleEndian: true).cameraTIFF()
        var generator = SystemRandomNumberGenerator()
        // Every single-byte corruption of a valid block, plus random truncations.
        for position in 0..<valid.count {
            var bytes = valid
            bytes[position] = UInt8.random(in: 0...255, using: &generator)
            _ = ExifReader.read(tiff: bytes[...])
            _ = ExifReader.read(tiff: valid.prefix(Int.random(in: 0...valid.count, using: &generator)))
        }
        // A GPS IFD pointing at itself and counts claiming gigabytes.
        let loop = TIFFWriter(littleEndian: false).tiff([(0x8825, .long(8)), (0x010F, .long(0xFFFF_FFFF))])
        #expect(ExifReader.read(tiff: loop[...])?.location == nil)
        #expect(ExifReader.read(Array("not an image".utf8)) == nil)
    }
}
