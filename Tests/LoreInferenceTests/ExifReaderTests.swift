import Foundation
import LoreCore
import Testing
@testable import LoreInference

/// Builds TIFF/EXIF structures byte by byte, in either byte order.
struct TIFFWriter {
    enum Value {
        case ascii(String)
        case short(UInt16)
        case long(UInt32)
        case rationals([(UInt32, UInt32)])
        /// Offset of a sub-IFD, filled in when laid out.
        case subIFD([(UInt16, Value)])
    }

    var littleEndian: Bool

    func u16(_ value: UInt16) -> [UInt8] { littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)] }
    func u32(_ value: UInt32) -> [UInt8] {
        let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        return littleEndian ? bytes.reversed() : bytes
    }

    /// A complete TIFF structure whose IFD0 holds `entries`.
    func tiff(_ entries: [(UInt16, Value)]) -> [UInt8] {
        var bytes: [UInt8] = (littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8)
        write(entries, into: &bytes)
        return bytes
    }

    /// Appends an IFD at the end of `bytes`, its out-of-line values after it.
    private func write(_ entries: [(UInt16, Value)], into bytes: inout [UInt8]) {
        let start = bytes.count
        let tableSize = 2 + entries.count * 12 + 4
        bytes += [UInt8](repeating: 0, count: tableSize)
        var table = u16(UInt16(entries.count))
        for (tag, value) in entries.sorted(by: { $0.0 < $1.0 }) {
            let (type, count, payload): (UInt16, UInt32, [UInt8])
            switch value {
            case .ascii(let text): (type, count, payload) = (2, UInt32(text.utf8.count + 1), Array(text.utf8) + [0])
            case .short(let v): (type, count, payload) = (3, 1, u16(v) + [0, 0])
            case .long(let v): (type, count, payload) = (4, 1, u32(v))
            case .rationals(let list): (type, count, payload) = (5, UInt32(list.count), list.flatMap { u32($0.0) + u32($0.1) })
            case .subIFD(let sub):
                let offset = UInt32(bytes.count)
                write(sub, into: &bytes)
                table += u16(tag) + u16(4) + u32(1) + u32(offset)
                continue
            }
            table += u16(tag) + u16(type) + u32(count)
            if payload.count <= 4 {
                table += payload + [UInt8](repeating: 0, count: 4 - payload.count)
            } else {
                table += u32(UInt32(bytes.count))
                bytes += payload
            }
        }
        table += u32(0)
        bytes.replaceSubrange(start..<(start + tableSize), with: table)
    }

    /// A camera's typical tags: Make, Model, Orientation, DateTime, Exif and GPS IFDs.
    func cameraTIFF(orientation: UInt16 = 1, south: Bool = false) -> [UInt8] {
        tiff([
            (0x010F, .ascii("Canon")),
            (0x0110, .ascii("Canon EOS 5D Mark IV")),
            (0x0112, .short(orientation)),
            (0x0132, .ascii("2024:05:18 09:00:00")),
            (0x8769, .subIFD([
                (0x9003, .ascii("2024:05:17 14:03:22")),
                (0x9011, .ascii("+02:00")),
            ])),
            (0x8825, .subIFD([
                (1, .ascii(south ? "S" : "N")),
                (2, .rationals([(48, 1), (51, 1), (2_448, 100)])),
                (3, .ascii("E")),
                (4, .rationals([(2, 1), (21, 1), (792, 100)])),
                (5, .short(0)),
                (6, .rationals([(35, 1)])),
            ])),
        ])
    }
}

@Suite struct ExifReaderTests {
    private func jpeg(withExif tiff: [UInt8], width: Int = 80, height: Int = 40) async throws -> [UInt8] {
        let plain = try await ImageFixtures.make(input: "color=c=gray:s=\(width)x\(height)", filters: [], fileExtension: "jpg")
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1] + withUnsafeBytes(of: length.bigEndian, Array.init) + payload + plain.dropFirst(2)
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
