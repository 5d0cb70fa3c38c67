import LoreCore

/// Collects a parser's output in reading order and applies the output limits: total text
/// (`document_too_large`), number and size of embedded images (skipped with a warning).
struct DocumentBuilder {
    let limits: MediaLimits
    private(set) var blocks: [DocumentBlock] = []
    private(set) var tables: [DocumentTable] = []
    private(set) var images: [EmbeddedImage] = []
    private(set) var warnings: [String] = []
    private var textBytes = 0
    private var skippedImages = 0
    private var smallImages = 0

    init(limits: MediaLimits) {
        self.limits = limits
    }

    /// Adds a block unless its text is blank; whitespace runs are collapsed.
    mutating func add(_ text: String, _ role: BlockRole, page: Int? = nil, slide: Int? = nil, bbox: BoundingBox? = nil,
                      tableIndex: Int? = nil, origin: TextOrigin = .text) throws {
        let cleaned = role == .code ? Self.trimBlankLines(text) : Self.collapseWhitespace(text)
        guard !cleaned.isEmpty else { return }
        textBytes += cleaned.utf8.count
        guard textBytes <= limits.maxExtractedTextBytes else {
            throw LoreError(.documentTooLarge, "the document has more than \(limits.maxExtractedTextBytes) bytes of text",
                            details: ["limit": String(limits.maxExtractedTextBytes)])
        }
        blocks.append(DocumentBlock(text: cleaned, role: role, page: page, slide: slide, bbox: bbox,
                                    order: blocks.count, tableIndex: tableIndex, origin: origin))
    }

    /// Adds a table (rows padded to the same width) and one `tableRow` block per non-empty row.
    mutating func addTable(_ rows: [[String]], page: Int? = nil, slide: Int? = nil, caption: String? = nil,
                           bbox: BoundingBox? = nil, source: TableSource = .markup, origin: TextOrigin = .text) throws {
        let cleaned = rows.map { $0.map(Self.collapseWhitespace) }.filter { $0.contains { !$0.isEmpty } }
        guard !cleaned.isEmpty else { return }
        let width = cleaned.map(\.count).max() ?? 0
        let padded = cleaned.map { $0 + Array(repeating: "", count: width - $0.count) }
        let index = tables.count
        tables.append(DocumentTable(page: page, slide: slide, rows: padded, caption: caption, bbox: bbox, source: source))
        for row in padded {
            try add(row.filter { !$0.isEmpty }.joined(separator: " | "), .tableRow, page: page, slide: slide,
                    tableIndex: index, origin: origin)
        }
    }

    /// Keeps an embedded raster image within the count and size limits; anything that is not a
    /// PNG/JPEG/GIF/TIFF/BMP/WebP (EMF, WMF, SVG, …) is skipped.
    mutating func addImage(_ bytes: [UInt8], name: String, page: Int? = nil, slide: Int? = nil,
                           bbox: BoundingBox? = nil, altText: String? = nil) {
        guard let type = MediaTypeDetector.signatureType(of: bytes), type.kind == .image else {
            warnings.append("\(name): not a raster image, skipped")
            return
        }
        if let size = ImageDimensions.read(bytes), min(size.width, size.height) < limits.minEmbeddedImageSide {
            smallImages += 1
            return
        }
        guard images.count < limits.maxEmbeddedImages, bytes.count <= limits.maxEmbeddedImageBytes else {
            skippedImages += 1
            return
        }
        images.append(EmbeddedImage(bytes: bytes, contentType: type.contentType, page: page, slide: slide,
                                    bbox: bbox, name: name, altText: altText?.isEmpty == true ? nil : altText))
    }

    mutating func warn(_ message: String) { warnings.append(message) }

    /// True when the image limit is reached (parsers can stop extracting).
    var imagesFull: Bool { images.count >= limits.maxEmbeddedImages }

    func finish(_ format: DocumentFormat, contentType: String, title: String?, author: String?, language: String?,
                pageCount: Int?, ocrPages: [Int] = []) -> ParsedDocument {
        var warnings = self.warnings
        if skippedImages > 0 {
            warnings.append("\(skippedImages) embedded images skipped (more than \(limits.maxEmbeddedImages) or larger than \(limits.maxEmbeddedImageBytes) bytes)")
        }
        if smallImages > 0 { warnings.append("\(smallImages) images smaller than \(limits.minEmbeddedImageSide) px skipped") }
        return ParsedDocument(format: format, contentType: contentType, title: Self.clean(title), author: Self.clean(author),
                              language: Self.clean(language), pageCount: pageCount, blocks: blocks, tables: tables,
                              images: images, ocrPages: ocrPages, warnings: warnings)
    }

    static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let cleaned = collapseWhitespace(value)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Whitespace runs (including line breaks and no-break spaces) become one space; control
    /// characters are dropped.
    static func collapseWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{FEFF}" || scalar == "\u{00AD}" { continue }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    static func trimBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.unicodeScalars.filter { $0 == "\t" || $0.value >= 0x20 }.map(Character.init))
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
