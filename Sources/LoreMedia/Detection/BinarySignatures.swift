/// Magic numbers at the start of a file. Only what is at byte 0 counts (the strongest,
/// first-byte signature); a polyglot is what its first bytes say.
enum BinarySignature: Equatable {
    /// A type fully decided by its signature.
    case type(DetectedType)
    /// A ZIP container: which document (if any) depends on its entries.
    case zip
    /// An OLE2 compound file: DOC, PPT or XLS depending on its streams.
    case compoundFile
    /// Recognised, but nothing Lore ingests (archives, executables, fonts, …).
    case unsupported(contentType: String, what: String)
}

enum BinarySignatures {
    static func match(_ b: [UInt8]) -> BinarySignature? {
        func at(_ offset: Int, _ bytes: [UInt8]) -> Bool {
            offset + bytes.count <= b.count && Array(b[offset..<(offset + bytes.count)]) == bytes
        }
        func ascii(_ offset: Int, _ text: String) -> Bool { at(offset, Array(text.utf8)) }

        // Documents
        if ascii(0, "%PDF-") { return .type(.document(.pdf, "application/pdf")) }
        if at(0, [0x50, 0x4B, 0x03, 0x04]) || at(0, [0x50, 0x4B, 0x05, 0x06]) || at(0, [0x50, 0x4B, 0x07, 0x08]) { return .zip }
        if at(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        if ascii(0, "{\\rtf") { return .type(.document(.rtf, "application/rtf")) }

        // Images
        if at(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .type(.image("image/png")) }
        if at(0, [0xFF, 0xD8, 0xFF]) { return .type(.image("image/jpeg")) }
        if ascii(0, "GIF87a") || ascii(0, "GIF89a") { return .type(.image("image/gif")) }
        if ascii(0, "II*\0") || ascii(0, "MM\0*") { return .type(.image("image/tiff")) }
        if at(0, [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) { return .type(.image("image/jp2")) }
        if isBMP(b) { return .type(.image("image/bmp")) }

        // RIFF family
        if ascii(0, "RIFF") || ascii(0, "RF64") {
            if ascii(8, "WEBP") { return .type(.image("image/webp")) }
            if ascii(8, "WAVE") { return .type(.audio("audio/wav")) }
            if ascii(8, "AVI ") { return .type(.video("video/x-msvideo")) }
        }
        if ascii(0, "FORM"), ascii(8, "AIFF") || ascii(8, "AIFC") { return .type(.audio("audio/aiff")) }

        // ISO base media (MP4, MOV, M4A, HEIC, AVIF) and QuickTime without ftyp
        if let type = ISOBaseMediaBrands.classify(b) { return .type(type) }

        // Other audio/video containers
        if at(0, [0x1A, 0x45, 0xDF, 0xA3]) {
            let header = b.prefix(64)
            let isWebM = header.firstRange(of: Array("webm".utf8)) != nil
            return .type(.video(isWebM ? "video/webm" : "video/x-matroska"))
        }
        if ascii(0, "OggS") { return .type(oggType(b)) }
        if ascii(0, "fLaC") { return .type(.audio("audio/flac")) }
        if ascii(0, "#!AMR") { return .type(.audio("audio/amr")) }
        if ascii(0, "caff") { return .type(.audio("audio/x-caf")) }
        if ascii(0, "ID3") { return .type(.audio("audio/mpeg")) }
        if at(0, [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) { return .type(.video("video/x-ms-asf")) }
        if ascii(0, "FLV\u{01}") { return .type(.video("video/x-flv")) }
        if at(0, [0x00, 0x00, 0x01, 0xBA]) { return .type(.video("video/mpeg")) }
        if b.count >= 377, b[0] == 0x47, b[188] == 0x47, b[376] == 0x47 { return .type(.video("video/mp2t")) }
        if let type = MPEGAudioFrames.classify(b) { return .type(type) }

        // Containers and programs Lore does not ingest
        if at(0, [0x1F, 0x8B]) { return .unsupported(contentType: "application/gzip", what: "a gzip archive") }
        if at(0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .unsupported(contentType: "application/x-7z-compressed", what: "a 7-Zip archive") }
        if ascii(0, "Rar!\u{1A}\u{07}") { return .unsupported(contentType: "application/vnd.rar", what: "a RAR archive") }
        if ascii(0, "BZh") { return .unsupported(contentType: "application/x-bzip2", what: "a bzip2 archive") }
        if at(0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .unsupported(contentType: "application/x-xz", what: "an xz archive") }
        if at(0, [0x28, 0xB5, 0x2F, 0xFD]) { return .unsupported(contentType: "application/zstd", what: "a zstd archive") }
        if ascii(257, "ustar") { return .unsupported(contentType: "application/x-tar", what: "a tar archive") }
        if at(0, [0x7F, 0x45, 0x4C, 0x46]) { return .unsupported(contentType: "application/x-executable", what: "an ELF executable") }
        if ascii(0, "MZ") { return .unsupported(contentType: "application/vnd.microsoft.portable-executable", what: "a Windows executable") }
        if ascii(0, "wOFF") || ascii(0, "wOF2") || at(0, [0x00, 0x01, 0x00, 0x00, 0x00]) || ascii(0, "OTTO") {
            return .unsupported(contentType: "font/sfnt", what: "a font")
        }
        if ascii(0, "SQLite format 3\0") { return .unsupported(contentType: "application/vnd.sqlite3", what: "an SQLite database") }
        return nil
    }

    /// "BM" alone is two letters of text; require the reserved zeros and a known DIB header size.
    private static func isBMP(_ b: [UInt8]) -> Bool {
        guard b.count >= 18, b[0] == 0x42, b[1] == 0x4D, b[6] == 0, b[7] == 0, b[8] == 0, b[9] == 0 else { return false }
        let dib = Int(b[14]) | Int(b[15]) << 8 | Int(b[16]) << 16 | Int(b[17]) << 24
        return [12, 16, 40, 52, 56, 64, 108, 124].contains(dib)
    }

    /// The first Ogg page carries the first codec header.
    private static func oggType(_ b: [UInt8]) -> DetectedType {
        let head = b.prefix(128)
        if head.firstRange(of: Array("OpusHead".utf8)) != nil { return .audio("audio/ogg; codecs=opus") }
        if head.firstRange(of: Array("\u{01}vorbis".utf8)) != nil { return .audio("audio/ogg; codecs=vorbis") }
        if head.firstRange(of: Array("\u{7F}FLAC".utf8)) != nil { return .audio("audio/ogg; codecs=flac") }
        if head.firstRange(of: Array("theora".utf8)) != nil { return .video("video/ogg") }
        return .audio("audio/ogg")
    }
}
