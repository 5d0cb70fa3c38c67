import Foundation
import LoreCore

/// What a parse may use: limits, an OCR engine for pages without text, where to put scratch files.
public struct DocumentParsingContext: Sendable {
    public var limits: MediaLimits
    /// Reads pages that have no text layer (scanned PDFs). Without one those pages are skipped
    /// with a warning.
    public var ocr: (any OCREngine)?
    public var ocrOptions: OCROptions
    /// Pages rendered and OCR'd at the same time (the engine's own thread count bounds it too).
    public var ocrParallelism: Int
    /// Extract embedded images for the image path.
    public var extractsImages: Bool
    /// Parent of the per-parse scratch folders (each removed when its parse ends).
    public var temporaryDirectory: URL
    /// `soffice` for legacy formats; nil looks it up in `PATH` when needed.
    public var libreOfficePath: String?

    public init(limits: MediaLimits = MediaLimits(), ocr: (any OCREngine)? = nil,
                ocrOptions: OCROptions = OCROptions(languages: "eng", hint: .document),
                ocrParallelism: Int = 2,
                extractsImages: Bool = true,
                temporaryDirectory: URL = FileManager.default.temporaryDirectory,
                libreOfficePath: String? = nil) {
        self.limits = limits
        self.ocr = ocr
        self.ocrOptions = ocrOptions
        self.ocrParallelism = ocrParallelism
        self.extractsImages = extractsImages
        self.temporaryDirectory = temporaryDirectory
        self.libreOfficePath = libreOfficePath
    }
}

/// Parses documents into `ParsedDocument`: PDF, DOCX, PPTX, plain text, Markdown and HTML here;
/// DOC, PPT, ODT, ODP and RTF after a LibreOffice conversion when LibreOffice is installed.
/// Subtitles (WebVTT, SRT) belong to the transcript stage; spreadsheets and EPUB are not ingested.
public struct DocumentParser: Sendable {
    public var context: DocumentParsingContext

    public init(context: DocumentParsingContext = DocumentParsingContext()) {
        self.context = context
    }

    /// Detects, validates, then parses the file at `path`.
    public func parse(fileAt path: String) async throws -> ParsedDocument {
        let validated = try await MediaValidator(limits: context.limits).validate(fileAt: path)
        return try await parse(validated)
    }

    /// Parses a file that passed `MediaValidator` (its pdfinfo result is reused).
    public func parse(_ media: ValidatedMedia) async throws -> ParsedDocument {
        let name = (media.path as NSString).lastPathComponent
        guard media.type.kind == .document, let format = media.type.format else {
            throw LoreError(.unsupportedMediaType, "\(name) is \(media.type.contentType), not a document",
                            details: ["content_type": media.type.contentType])
        }
        switch format {
        case .pdf:
            return try await PDFParser(context: context).parse(media.path, info: media.pdf)
        case .docx:
            return try DOCXParser(limits: context.limits).parse(media.path)
        case .pptx:
            return try PPTXParser(limits: context.limits).parse(media.path)
        case .txt, .markdown, .html:
            let text = try Self.readText(media.path, limits: context.limits)
            switch format {
            case .markdown: return try MarkdownParser(limits: context.limits).parse(text, contentType: media.type.contentType)
            case .html: return try HTMLDocumentParser(limits: context.limits).parse(text)
            default: return try PlainTextParser(limits: context.limits).parse(text)
            }
        case .doc, .ppt, .odt, .odp, .rtf:
            return try await LibreOfficeConverter(context: context).parse(media.path, format: format, contentType: media.type.contentType)
        case .webvtt, .srt:
            throw LoreError(.unsupportedMediaType, "\(name) is a subtitle file (\(media.type.contentType)); the transcript stage reads it",
                            details: ["content_type": media.type.contentType])
        case .xlsx, .xls, .ods, .epub:
            throw LoreError(.unsupportedMediaType, "\(name) is \(media.type.contentType); spreadsheets and e-books are not ingested",
                            details: ["content_type": media.type.contentType])
        }
    }

    /// The decoded text of a text file, within the extracted-text limit.
    static func readText(_ path: String, limits: MediaLimits) throws -> String {
        let name = (path as NSString).lastPathComponent
        let size = try MediaValidator.fileSize(path)
        // UTF-16 doubles the bytes of Latin text; anything beyond that is more text than allowed.
        guard size <= Int64(limits.maxExtractedTextBytes) * 2 else {
            throw LoreError(.documentTooLarge, "\(name) has more text than \(limits.maxExtractedTextBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw LoreError(.notFound, "cannot read \(name)") }
        return TextDecoding.decode([UInt8](data)).text
    }
}
