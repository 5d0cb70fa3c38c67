/// Rules about entry names and contents in archive-based documents.
enum ArchiveEntryPolicy {
    /// A path that could escape an extraction folder or name something outside the archive:
    /// absolute (`/x`, `\x`, `C:x`), with a `..` component, or with a NUL byte.
    static func isUnsafe(path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\0") { return true }
        let scalars = Array(path.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return true }
        return path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// Magic numbers of archive and compression formats that must not appear inside a document.
    static func isArchive(_ prefix: [UInt8]) -> Bool {
        let signatures: [[UInt8]] = [
            [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08], // ZIP
            [0x1F, 0x8B],                                   // gzip
            [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],           // 7z
            [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07],           // RAR
            [0x42, 0x5A, 0x68],                             // bzip2
            [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],           // xz
            [0x28, 0xB5, 0x2F, 0xFD],                       // zstd
        ]
        return signatures.contains { prefix.starts(with: $0) }
    }

    /// Folders whose entries are opaque embedded objects (OLE packages, embedded workbooks for
    /// charts). They are inflated and counted like every entry but never opened, so an archive
    /// there is allowed: Word and PowerPoint store every chart's data as an embedded .xlsx.
    static let opaqueObjectFolders = ["word/embeddings/", "ppt/embeddings/", "xl/embeddings/"]

    static func isOpaqueObject(path: String) -> Bool {
        opaqueObjectFolders.contains { path.hasPrefix($0) }
    }

    /// Parts an XML parser (ours, or LibreOffice's) reads.
    static func isXML(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels") || lower.hasSuffix(".xhtml") || lower.hasSuffix(".opf")
            || lower.hasSuffix(".ncx")
    }
}

/// Finds `<!DOCTYPE` (any case) in bytes that arrive in chunks. Office and OpenDocument parts
/// never declare a DTD; one that does is an XXE or entity-expansion attempt. (Outside a comment
/// or CDATA a literal `<` in text is always escaped, so the marker cannot be ordinary text.)
/// NUL bytes are skipped, so a part in UTF-16 is caught as well.
struct DoctypeScanner {
    private static let marker = Array("<!doctype".utf8)
    private var carry: [UInt8] = []
    private(set) var found = false

    mutating func feed<Bytes: Collection>(_ chunk: Bytes) where Bytes.Element == UInt8 {
        guard !found else { return }
        let bytes = carry + chunk.filter { $0 != 0 }
        let marker = Self.marker
        if bytes.count >= marker.count {
            for start in 0...(bytes.count - marker.count) where bytes[start] == 0x3C {
                if (0..<marker.count).allSatisfy({ Self.lowercased(bytes[start + $0]) == marker[$0] }) {
                    found = true
                    return
                }
            }
        }
        carry = Array(bytes.suffix(marker.count - 1))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
}
