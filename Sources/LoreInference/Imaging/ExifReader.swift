import Foundation
import LoreCore

/// The EXIF tags Lore keeps, as stored.
public struct ExifTags: Sendable, Equatable {
    public var orientation: Int?
    public var make: String?
    public var model: String?
    /// "YYYY:MM:DD HH:MM:SS" as EXIF writes it: DateTimeOriginal, DateTime.
    public var dateTimeOriginal: String?
    public var dateTime: String?
    /// "+02:00" (EXIF 2.31 OffsetTimeOriginal), when the camera wrote one.
    public var offsetTimeOriginal: String?
    /// From the GPS IFD, when it has a usable latitude and longitude.
    public var location: GeoLocation?
    /// The picture has a GPS IFD at all (even one without usable coordinates).
    public var hasGPS: Bool = false
}

/// Reads EXIF from JPEG (APP1 "Exif"), PNG (eXIf chunk) and TIFF files: IFD0, the Exif IFD and
/// the GPS IFD, following only those two pointers once. The input is untrusted: every offset
/// and count is bounds-checked, IFDs hold at most 512 entries, strings at most 256 bytes.
public enum ExifReader {
    /// Tags of any supported container; nil when there is no EXIF.
    public static func read(_ bytes: [UInt8]) -> ExifTags? {
        if bytes.starts(with: [0xFF, 0xD8]) { return read(jpeg: bytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return read(png: bytes) }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return read(tiff: bytes[...])
        }
        return nil
    }

    public static func read(jpeg bytes: [UInt8]) -> ExifTags? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var position = 2
        while position + 4 <= bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            // Start of scan: image data follows, no more metadata segments.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            guard length >= 2, position + 2 + length <= bytes.count else { return nil }
            let segment = bytes[(position + 4)..<(position + 2 + length)]
            if marker == 0xE1, segment.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]), let tags = read(tiff: segment.dropFirst(6)) {
                return tags
            }
            position += 2 + length
        }
        return nil
    }

    /// PNG 1.5's eXIf chunk holds a bare TIFF structure.
    public static func read(png bytes: [UInt8]) -> ExifTags? {
        var position = 8
        while position + 12 <= bytes.count {
            let length = (position..<position + 4).reduce(0) { $0 << 8 | Int(bytes[$1]) }
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard length >= 0, position + 12 + length <= bytes.count else { return nil }
            if type == "eXIf" { return read(tiff: bytes[(position + 8)..<(position + 8 + length)]) }
            if type == "IDAT" || type == "IEND" { return nil }
            position += 12 + length
        }
        return nil
    }

    /// A TIFF structure: byte-order mark, 42, offset of IFD0.
    public static func read(tiff slice: ArraySlice<UInt8>) -> ExifTags? {
        let tiff = TIFFBytes(bytes: Array(slice))
        guard let tiff, tiff.u16(2) == 42, let ifd0 = tiff.u32(4) else { return nil }
        var tags = ExifTags()
        let entries0 = tiff.entries(at: ifd0)
        tags.orientation = entries0[0x0112].flatMap { tiff.integer($0) }
        tags.make = entries0[0x010F].flatMap { tiff.ascii($0) }
        tags.model = entries0[0x0110].flatMap { tiff.ascii($0) }
        tags.dateTime = entries0[0x0132].flatMap { tiff.ascii($0) }
        if let pointer = entries0[0x8769].flatMap({ tiff.integer($0) }) {
            let exif = tiff.entries(at: pointer)
            tags.dateTimeOriginal = exif[0x9003].flatMap { tiff.ascii($0) }
            tags.offsetTimeOriginal = exif[0x9011].flatMap { tiff.ascii($0) }
        }
        if let pointer = entries0[0x8825].flatMap({ tiff.integer($0) }) {
            let gps = tiff.entries(at: pointer)
            tags.hasGPS = !gps.isEmpty
            tags.location = location(gps, tiff)
        }
        return tags
    }

    private static func location(_ gps: [Int: TIFFBytes.Entry], _ tiff: TIFFBytes) -> GeoLocation? {
        guard let latitude = gps[2].flatMap({ tiff.degrees($0) }), let longitude = gps[4].flatMap({ tiff.degrees($0) }),
              abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        let south = gps[1].flatMap { tiff.ascii($0) }?.uppercased() == "S"
        let west = gps[3].flatMap { tiff.ascii($0) }?.uppercased() == "W"
        var altitude = gps[6].flatMap { tiff.rationals($0)?.first }
        if let below = gps[5].flatMap({ tiff.integer($0) }), below == 1, let value = altitude { altitude = -value }
        return GeoLocation(latitude: south ? -latitude : latitude, longitude: west ? -longitude : longitude, altitude: altitude)
    }
}

/// Bounds-checked reads from a TIFF structure in either byte order.
struct TIFFBytes {
    struct Entry {
        var type: Int
        var count: Int
        /// Offset of the entry's 4-byte value field (the value itself, or a pointer to it).
        var valueField: Int
    }

    let bytes: [UInt8]
    let littleEndian: Bool

    init?(bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        self.bytes = bytes
    }

    func u16(_ offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return littleEndian ? Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 : Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    func u32(_ offset: Int) -> Int? {
        guard let low = u16(littleEndian ? offset : offset + 2), let high = u16(littleEndian ? offset + 2 : offset) else { return nil }
        return high << 16 | low
    }

    /// The entries of the IFD at `offset`, by tag (the first of duplicates wins).
    func entries(at offset: Int) -> [Int: Entry] {
        guard let count = u16(offset) else { return [:] }
        var result: [Int: Entry] = [:]
        for index in 0..<min(count, 512) {
            let entry = offset + 2 + index * 12
            guard let tag = u16(entry), let type = u16(entry + 2), let count = u32(entry + 4), entry + 12 <= bytes.count else { break }
            if result[tag] == nil { result[tag] = Entry(type: type, count: count, valueField: entry + 8) }
        }
        return result
    }

    /// Byte size of one value of a TIFF type; nil for types Lore does not read.
    private static func size(of type: Int) -> Int? {
        switch type {
        case 1, 2, 7: return 1   // BYTE, ASCII, UNDEFINED
        case 3: return 2         // SHORT
        case 4: return 4         // LONG
        case 5: return 8         // RATIONAL
        default: return nil
        }
    }

    /// Where an entry's values start: inline when they fit in 4 bytes, else at the pointed offset.
    private func dataOffset(_ entry: Entry) -> Int? {
        guard let size = Self.size(of: entry.type), entry.count > 0, entry.count <= 1 << 20 else { return nil }
        let total = size * entry.count
        let offset = total <= 4 ? entry.valueField : u32(entry.valueField)
        guard let offset, offset >= 0, offset + total <= bytes.count else { return nil }
        return offset
    }

    func integer(_ entry: Entry) -> Int? {
        guard let offset = dataOffset(entry) else { return nil }
        switch entry.type {
        case 1: return Int(bytes[offset])
        case 3: return u16(offset)
        case 4: return u32(offset)
        default: return nil
        }
    }

    func ascii(_ entry: Entry) -> String? {
        guard entry.type == 2, let offset = dataOffset(entry) else { return nil }
        let raw = bytes[offset..<(offset + min(entry.count, 256))].prefix { $0 != 0 }
        let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        // Control characters have no place in a camera name or a date.
        let clean = String(text.unicodeScalars.filter { !$0.properties.generalCategory.isControl })
        return clean.isEmpty ? nil : clean
    }

    func rationals(_ entry: Entry) -> [Double]? {
        guard entry.type == 5, let offset = dataOffset(entry) else { return nil }
        return (0..<min(entry.count, 8)).compactMap { index in
            guard let numerator = u32(offset + index * 8), let denominator = u32(offset + index * 8 + 4), denominator != 0 else { return nil }
            return Double(numerator) / Double(denominator)
        }
    }

    /// Degrees, minutes, seconds as three rationals → decimal degrees.
    func degrees(_ entry: Entry) -> Double? {
        guard let parts = rationals(entry), parts.count == 3 else { return nil }
        let value = parts[0] + parts[1] / 60 + parts[2] / 3600
        return value.isFinite ? value : nil
    }
}

private extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format }
}
