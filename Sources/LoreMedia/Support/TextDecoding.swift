/// The text encodings documents arrive in, and how a text file's encoding was decided.
public enum TextEncoding: String, Sendable, Codable {
    case utf8, utf16LittleEndian, utf16BigEndian, windows1252
}

/// Decoding of text files without trusting a declared charset: byte-order marks first, then
/// strict UTF-8, then UTF-16 recognised by its zero bytes, then Windows-1252 (a superset of
/// Latin-1's printable characters, the usual encoding of old Western text files).
public enum TextDecoding {
    /// The encoding of `bytes` and how many BOM bytes to skip.
    public static func detect(_ bytes: ArraySlice<UInt8>) -> (encoding: TextEncoding, bomLength: Int) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        if let unmarked = unmarkedUTF16(bytes) { return (unmarked, 0) }
        if isValidUTF8(bytes, allowingTruncatedEnd: true) { return (.utf8, 0) }
        return (.windows1252, 0)
    }

    /// Decodes the whole text (BOM removed); invalid sequences become U+FFFD.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: TextEncoding) {
        let (encoding, bom) = detect(bytes[...])
        let body = bytes.dropFirst(bom)
        switch encoding {
        case .utf8: return (String(decoding: body, as: UTF8.self), encoding)
        case .utf16LittleEndian: return (String(decoding: utf16(body, bigEndian: false), as: UTF8.self), encoding)
        case .utf16BigEndian: return (String(decoding: utf16(body, bigEndian: true), as: UTF8.self), encoding)
        case .windows1252: return (String(decoding: windows1252(body), as: UTF8.self), encoding)
        }
    }

    /// UTF-16 without a BOM: text in Latin scripts has a zero byte in most even (BE) or odd
    /// (LE) positions and almost none in the others.
    static func unmarkedUTF16(_ bytes: ArraySlice<UInt8>) -> TextEncoding? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 10 >= pairs * 4, evenZeros * 20 <= pairs { return .utf16LittleEndian }
        if evenZeros * 10 >= pairs * 4, oddZeros * 20 <= pairs { return .utf16BigEndian }
        return nil
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, ≤ U+10FFFF). A sequence cut off by
    /// the end of a sampled prefix is accepted when `allowingTruncatedEnd`.
    public static func isValidUTF8(_ bytes: ArraySlice<UInt8>, allowingTruncatedEnd: Bool = false) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
            default: return false
            }
            if index + length > end { return allowingTruncatedEnd && bytes[(index + 1)...].allSatisfy { $0 & 0xC0 == 0x80 } }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(next & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return false }
            index += length
        }
        return true
    }

    /// UTF-16 code units to UTF-8 bytes; unpaired surrogates become U+FFFD.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Windows-1252 to UTF-8 (0x80–0x9F are the typographic characters Windows put there;
    /// everything else is Latin-1).
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let mapped = cp1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return Array(String(scalars).utf8)
    }

    private static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
