import LoreCore

/// What a document parser extracted: text blocks in reading order, tables in structured form,
/// and embedded images for the image path. One model for every format.
public struct ParsedDocument: Sendable, Codable {
    public var format: DocumentFormat
    public var contentType: String
    public var title: String?
    public var author: String?
    /// A language tag when the document declares one (`en-US`); not detected from the text.
    public var language: String?
    /// Pages (PDF), slides (PPTX); nil where the format has no fixed pages (DOCX, text, HTML).
    public var pageCount: Int?
    public var blocks: [DocumentBlock]
    public var tables: [DocumentTable]
    public var images: [EmbeddedImage]
    /// Pages whose text came from OCR because they had no text layer.
    public var ocrPages: [Int]
    /// What was skipped or bounded (images over the limit, pages not OCR'd, …), for humans.
    public var warnings: [String]

    public init(format: DocumentFormat, contentType: String, title: String? = nil, author: String? = nil,
                language: String? = nil, pageCount: Int? = nil, blocks: [DocumentBlock] = [],
                tables: [DocumentTable] = [], images: [EmbeddedImage] = [], ocrPages: [Int] = [], warnings: [String] = []) {
        self.format = format
        self.contentType = contentType
        self.title = title
        self.author = author
        self.language = language
        self.pageCount = pageCount
        self.blocks = blocks
        self.tables = tables
        self.images = images
        self.ocrPages = ocrPages
        self.warnings = warnings
    }

    /// All block text in reading order, one block per line.
    public var text: String { blocks.map(\.text).joined(separator: "\n") }
}

/// One unit of text: a heading, a paragraph, a list item, a table row, a slide title, …
public struct DocumentBlock: Sendable, Codable, Hashable {
    public var text: String
    public var role: BlockRole
    /// 1-based page (PDF) when known.
    public var page: Int?
    /// 1-based slide (PPTX) when known.
    public var slide: Int?
    /// Where on the page, in PDF points with the origin top-left (PDF only).
    public var bbox: BoundingBox?
    /// Position in reading order, 0-based and dense across the document.
    public var order: Int
    /// For `tableRow` blocks: the index into `ParsedDocument.tables`.
    public var tableIndex: Int?
    /// Where the text came from.
    public var origin: TextOrigin

    public init(text: String, role: BlockRole, page: Int? = nil, slide: Int? = nil, bbox: BoundingBox? = nil,
                order: Int = 0, tableIndex: Int? = nil, origin: TextOrigin = .text) {
        self.text = text
        self.role = role
        self.page = page
        self.slide = slide
        self.bbox = bbox
        self.order = order
        self.tableIndex = tableIndex
        self.origin = origin
    }
}

/// What a block is in the document's structure.
public enum BlockRole: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A heading; level 1 is the highest (a document title is level 1 too).
    case heading(level: Int)
    case paragraph
    /// A list item; level 0 is the outermost list.
    case listItem(level: Int)
    /// A table row, its cells joined by " | " (the structured table is in `tables`).
    case tableRow
    case slideTitle
    case speakerNotes
    case header
    case footer
    case comment
    case footnote
    case caption
    case code

    public var description: String {
        switch self {
        case .heading(let level): return "heading\(level)"
        case .listItem(let level): return level == 0 ? "listItem" : "listItem\(level)"
        default: return name
        }
    }

    private var name: String {
        switch self {
        case .heading: return "heading"
        case .paragraph: return "paragraph"
        case .listItem: return "listItem"
        case .tableRow: return "tableRow"
        case .slideTitle: return "slideTitle"
        case .speakerNotes: return "speakerNotes"
        case .header: return "header"
        case .footer: return "footer"
        case .comment: return "comment"
        case .footnote: return "footnote"
        case .caption: return "caption"
        case .code: return "code"
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, level }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .kind)
        switch self {
        case .heading(let level), .listItem(let level): try container.encode(level, forKey: .level)
        default: break
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let level = try container.decodeIfPresent(Int.self, forKey: .level) ?? 0
        let simple: [String: BlockRole] = [
            "paragraph": .paragraph, "tableRow": .tableRow, "slideTitle": .slideTitle, "speakerNotes": .speakerNotes,
            "header": .header, "footer": .footer, "comment": .comment, "footnote": .footnote, "caption": .caption, "code": .code,
        ]
        switch kind {
        case "heading": self = .heading(level: level)
        case "listItem": self = .listItem(level: level)
        default:
            guard let role = simple[kind] else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown block role \(kind)")
            }
            self = role
        }
    }
}

/// Whether text was in the file or read from pixels.
public enum TextOrigin: String, Sendable, Codable, Hashable {
    case text, ocr
}

/// A table in structured form: rows of cell texts (merged cells repeat nothing; a missing cell
/// is an empty string so every row has the same number of cells).
public struct DocumentTable: Sendable, Codable, Hashable {
    public var page: Int?
    public var slide: Int?
    public var rows: [[String]]
    /// A caption or title when the document gives one.
    public var caption: String?
    public var bbox: BoundingBox?
    /// How it was found: from the format's table markup, or from aligned text (PDF).
    public var source: TableSource

    public init(page: Int? = nil, slide: Int? = nil, rows: [[String]], caption: String? = nil,
                bbox: BoundingBox? = nil, source: TableSource = .markup) {
        self.page = page
        self.slide = slide
        self.rows = rows
        self.caption = caption
        self.bbox = bbox
        self.source = source
    }

    public var columnCount: Int { rows.map(\.count).max() ?? 0 }
}

public enum TableSource: String, Sendable, Codable, Hashable {
    case markup, layout
}

/// A picture embedded in a document, still encoded, for the image path (OCR, hashes).
public struct EmbeddedImage: Sendable, Codable, Hashable {
    public var bytes: [UInt8]
    /// Detected from the bytes (`image/png`, `image/jpeg`, …).
    public var contentType: String
    public var page: Int?
    public var slide: Int?
    public var bbox: BoundingBox?
    /// The part or object it came from (`word/media/image1.png`, `page 3 image 2`).
    public var name: String
    /// The alternative text the author gave, if any.
    public var altText: String?

    public init(bytes: [UInt8], contentType: String, page: Int? = nil, slide: Int? = nil, bbox: BoundingBox? = nil,
                name: String, altText: String? = nil) {
        self.bytes = bytes
        self.contentType = contentType
        self.page = page
        self.slide = slide
        self.bbox = bbox
        self.name = name
        self.altText = altText
    }

    private enum CodingKeys: String, CodingKey { case contentType, page, slide, bbox, name, altText, byteCount }

    /// JSON carries the size, not the bytes (they go to blob storage).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contentType, forKey: .contentType)
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(slide, forKey: .slide)
        try container.encodeIfPresent(bbox, forKey: .bbox)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(altText, forKey: .altText)
        try container.encode(bytes.count, forKey: .byteCount)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(bytes: [], contentType: try container.decode(String.self, forKey: .contentType),
                  page: try container.decodeIfPresent(Int.self, forKey: .page),
                  slide: try container.decodeIfPresent(Int.self, forKey: .slide),
                  bbox: try container.decodeIfPresent(BoundingBox.self, forKey: .bbox),
                  name: try container.decode(String.self, forKey: .name),
                  altText: try container.decodeIfPresent(String.self, forKey: .altText))
    }
}
