import Foundation
import ZIPFoundation

/// ZIP files for tests, written with ZIPFoundation: ordinary entries, symbolic links, and a
/// decompression bomb streamed from zeros (never held in memory).
enum ZipFixtures {
    enum Entry {
        case file(String, [UInt8])
        case stored(String, [UInt8])
        case symlink(String, target: String)
        /// `size` zero bytes, deflated while being written.
        case zeros(String, size: Int64)
    }

    static func write(_ entries: [Entry], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in entries {
            switch entry {
            case .file(let name, let bytes), .stored(let name, let bytes):
                let data = Data(bytes)
                var method = CompressionMethod.deflate
                if case .stored = entry { method = .none }
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            case .symlink(let name, let target):
                let data = Data(target.utf8)
                try archive.addEntry(with: name, type: .symlink, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            case .zeros(let name, let size):
                let chunk = Data(count: 1 << 20)
                try archive.addEntry(with: name, type: .file, uncompressedSize: size, compressionMethod: .deflate,
                                     bufferSize: 1 << 20) { _, count in
                    count == chunk.count ? chunk : Data(count: count)
                }
            }
        }
    }

    static func bytes(_ entries: [Entry]) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lore-zip-\(UUID().uuidString).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(entries, to: path)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// A DOCX-shaped ZIP whose media entry inflates to 1 GiB of zeros (declared size and CRC
/// correct). The deflate stream is written by hand — one literal zero, then 4,161,790 copies of
/// "repeat 258 bytes from distance 1" in a fixed-Huffman block, 13 bits each — so the 6.8 MB
/// bomb takes a moment to make instead of deflating a gigabyte.
enum ZipBombFixture {
    static let size: Int64 = 1 << 30
    /// CRC-32 of 2^30 zero bytes (zlib.crc32).
    static let crcOfZeros: UInt32 = 0x5B64_C2B0

    static func deflatedZeros() -> [UInt8] {
        var writer = BitWriter()
        writer.write(0b011, bits: 3)                // BFINAL = 1, BTYPE = 01 (fixed Huffman)
        writer.write(0x0C, bits: 8)                 // literal 0 (code 00110000, bit-reversed)
        let copies = Int((size - 1) / 258)          // length 258 (code 285: 11000101), distance 1 (00000)
        for _ in 0..<copies { writer.write(0xA3, bits: 13) }
        writer.write(0x40, bits: 7 + 5)             // length 3 (code 257: 0000001), distance 1
        writer.write(0, bits: 7)                    // end of block
        return writer.finish()
    }

    /// Writes the bomb: the DOCX parts stored, `word/media/zeros.bin` deflated.
    static func writeDOCX(to path: String) throws {
        var zip = RawZipWriter()
        for case .file(let name, let bytes) in OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("bomb")) {
            zip.add(name, stored: bytes)
        }
        zip.add("word/media/zeros.bin", deflated: deflatedZeros(), size: size, crc: crcOfZeros)
        try Data(zip.finish()).write(to: URL(fileURLWithPath: path))
    }

    struct BitWriter {
        private var bytes: [UInt8] = []
        private var accumulator: UInt64 = 0
        private var count = 0

        init() { bytes.reserveCapacity(7 << 20) }

        mutating func write(_ value: UInt64, bits: Int) {
            accumulator |= value << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                count -= 8
            }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
            return bytes
        }
    }
}

/// A minimal ZIP writer (local headers, central directory, end record) for archives whose
/// sizes and checksums are given rather than computed.
struct RawZipWriter {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    mutating func add(_ name: String, stored bytes: [UInt8]) {
        add(name, method: 0, data: bytes, size: Int64(bytes.count), crc: CRC32.checksum(bytes))
    }

    mutating func add(_ name: String, deflated data: [UInt8], size: Int64, crc: UInt32) {
        add(name, method: 8, data: data, size: size, crc: crc)
    }

    private mutating func add(_ name: String, method: UInt16, data: [UInt8], size: Int64, crc: UInt32) {
        let nameBytes = Array(name.utf8)
        let offset = UInt32(body.count)
        var local = le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
        local += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(UInt16(nameBytes.count)) + le16(0)
        body += local + nameBytes + data
        var central = le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
        central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(UInt16(nameBytes.count))
        central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16) + le32(offset)
        directory += central + nameBytes
        count += 1
    }

    func finish() -> [UInt8] {
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
        return body + directory + end
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * UInt32($0))) & 0xFF) } }
}
