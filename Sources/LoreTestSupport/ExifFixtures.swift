/// Builds TIFF/EXIF structures byte by byte, in either byte order.
public struct TIFFWriter: Sendable {
    public enum Value: Sendable {
        case ascii(String)
        case short(UInt16)
        case long(UInt32)
        case rationals([(UInt32, UInt32)])
        /// Offset of a sub-IFD, filled in when laid out.
        case subIFD([(UInt16, Value)])
    }

    public var littleEndian: Bool

    public init(littleEndian: Bool) { self.littleEndian = littleEndian }

    public func u16(_ value: UInt16) -> [UInt8] { littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)] }
    public func u32(_ value: UInt32) -> [UInt8] {
        let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        return littleEndian ? bytes.reversed() : bytes
    }

    /// A complete TIFF structure whose IFD0 holds `entries`.
    public func tiff(_ entries: [(UInt16, Value)]) -> [UInt8] {
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
    public func cameraTIFF(orientation: UInt16 = 1, south: Bool = false) -> [UInt8] {
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

    /// `plain` (a JPEG) with an APP1 segment holding `tiff` as its EXIF.
    public static func jpeg(_ plain: [UInt8], withExif tiff: [UInt8]) -> [UInt8] {
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1] + withUnsafeBytes(of: length.bigEndian, Array.init) + payload + plain.dropFirst(2)
    }
}
