/// ISO base media files (MP4, MOV, M4A, 3GP, HEIC, AVIF) by their `ftyp` brands.
enum ISOBaseMediaBrands {
    static func classify(_ b: [UInt8]) -> DetectedType? {
        guard b.count >= 12 else { return nil }
        let box = String(decoding: b[4..<8], as: UTF8.self)
        guard box == "ftyp" else {
            // Old QuickTime files start with a movie, data or padding atom instead.
            return ["moov", "mdat", "wide", "free", "skip", "pnot"].contains(box) ? .video("video/quicktime") : nil
        }
        let size = Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        let end = min(max(size, 16), b.count, 256)
        let major = String(decoding: b[8..<12], as: UTF8.self)
        var brands = [major]
        var offset = 16
        while offset + 4 <= end {
            brands.append(String(decoding: b[offset..<(offset + 4)], as: UTF8.self))
            offset += 4
        }
        if brands.contains("avif") || brands.contains("avis") { return .image("image/avif") }
        if ["heic", "heix", "heim", "heis", "hevc", "hevx"].contains(major) { return .image("image/heic") }
        if ["mif1", "msf1", "heif"].contains(major) {
            return brands.contains(where: { $0.hasPrefix("hei") || $0.hasPrefix("hev") }) ? .image("image/heic") : .image("image/heif")
        }
        if ["M4A ", "M4B ", "M4P ", "F4A ", "F4B "].contains(major) { return .audio("audio/mp4") }
        if major == "qt  " { return .video("video/quicktime") }
        if major.hasPrefix("3g2") { return .video("video/3gpp2") }
        if major.hasPrefix("3gp") || major.hasPrefix("3gg") { return .video("video/3gpp") }
        return .video("video/mp4")
    }
}
