/// Width and height an image file declares in its header, read without decoding pixels, so a
/// small file claiming a huge canvas is refused before any decoder allocates it.
public enum ImageDimensions {
    public struct Size: Sendable, Hashable {
        public var width: Int
        public var height: Int
        public var pixels: Int { width.multipliedReportingOverflow(by: height).overflow ? .max : width * height }
    }

    /// The declared size for PNG, JPEG, GIF, BMP, WebP and TIFF; nil for other formats or a
    /// header too damaged to read.
    public static func read(_ b: [UInt8]) -> Size? {
        func be16(_ i: Int) -> Int { i + 2 <= b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : 0 }
        func be32(_ i: Int) -> Int { i + 4 <= b.count ? Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) : 0 }
        func le16(_ i: Int) -> Int { i + 2 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 : 0 }
        func le24(_ i: Int) -> Int { i + 3 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 : 0 }
        func le32(_ i: Int) -> Int { i + 4 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 : 0 }
        func ascii(_ i: Int, _ s: String) -> Bool { i + s.utf8.count <= b.count && Array(b[i..<(i + s.utf8.count)]) == Array(s.utf8) }
        func size(_ w: Int, _ h: Int) -> Size? { w > 0 && h > 0 ? Size(width: w, height: h) : nil }

        if b.starts(with: [0x89, 0x50, 0x4E, 0x47]), ascii(12, "IHDR") { return size(be32(16), be32(20)) }
        if ascii(0, "GIF8") { return size(le16(6), le16(8)) }
        if ascii(0, "BM"), b.count >= 26 {
            let header = le32(14)
            if header == 12 { return size(le16(18), le16(20)) }
            let height = Int(Int32(truncatingIfNeeded: le32(22)))
            return size(le32(18), abs(height))
        }
        if ascii(0, "RIFF"), ascii(8, "WEBP") {
            if ascii(12, "VP8X") { return size(le24(24) + 1, le24(27) + 1) }
            if ascii(12, "VP8L"), b.count >= 25 {
                let bits = le32(21)
                return size((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            }
            if ascii(12, "VP8 ") { return size(le16(26) & 0x3FFF, le16(28) & 0x3FFF) }
            return nil
        }
        if b.starts(with: [0xFF, 0xD8]) { return jpeg(b) }
        if ascii(0, "II*\0") || ascii(0, "MM\0*") { return tiff(b, littleEndian: b[0] == 0x49) }
        return nil
    }

    /// The first start-of-frame marker's size, walking the marker segments.
    private static func jpeg(_ b: [UInt8]) -> Size? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                let height = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return width > 0 && height > 0 ? Size(width: width, height: height) : nil
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    /// ImageWidth (256) and ImageLength (257) in the first IFD.
    private static func tiff(_ b: [UInt8], littleEndian: Bool) -> Size? {
        func u16(_ i: Int) -> Int {
            guard i + 2 <= b.count else { return 0 }
            return littleEndian ? Int(b[i]) | Int(b[i + 1]) << 8 : Int(b[i]) << 8 | Int(b[i + 1])
        }
        func u32(_ i: Int) -> Int {
            guard i + 4 <= b.count else { return 0 }
            return littleEndian ? Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
                : Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
        }
        let ifd = u32(4)
        let count = u16(ifd)
        guard ifd > 0, count > 0, count < 4096 else { return nil }
        var width = 0, height = 0
        for index in 0..<count {
            let entry = ifd + 2 + index * 12
            guard entry + 12 <= b.count else { break }
            let tag = u16(entry), type = u16(entry + 2)
            let value = type == 3 ? u16(entry + 8) : u32(entry + 8)
            if tag == 256 { width = value }
            if tag == 257 { height = value }
        }
        return width > 0 && height > 0 ? Size(width: width, height: height) : nil
    }
}
