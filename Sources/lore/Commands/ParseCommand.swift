import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreMedia

/// `lore parse FILE`: what a file is, whether it passes validation, and what the document
/// parser extracts from it.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Detect a file's type, validate it and show what the document parser extracts.",
        discussion: """
            The type comes from the content (magic numbers, ZIP entries, a text sniff), never \
            from the name. Documents (PDF, DOCX, PPTX, TXT, Markdown, HTML; DOC/PPT/ODT/ODP/RTF \
            with LibreOffice) are parsed: blocks in reading order with their role and page or \
            slide, tables (rows × cells) and embedded images. Pages without a text layer are \
            OCR'd with Tesseract unless --no-ocr. Other kinds (images, audio, video) are only \
            detected and validated.
            JSON: {"file", "detected": {"kind", "contentType", "format"}, "document": {…} | null}; \
            images are listed with their byteCount, not their bytes.
            """
    )

    @Argument(help: "The file to parse.")
    var file: String

    @Flag(help: "Print JSON instead of a summary.")
    var json = false

    @Flag(name: .customLong("no-ocr"), help: "Do not OCR pages that have no text layer.")
    var noOCR = false

    @Option(name: .customLong("lang"), help: "Tesseract languages for OCR'd pages, e.g. eng+deu.")
    var languages = "eng"

    @Option(help: "Blocks to print in the summary (0 prints none).")
    var blocks = 40

    struct Output: Encodable {
        var file: String
        var detected: DetectedType
        var document: ParsedDocument?
    }

    func run() async throws {
        try await reportingLoreErrors {
            let validated = try await MediaValidator().validate(fileAt: file)
            var document: ParsedDocument?
            if validated.type.kind == .document {
                let ocr: (any OCREngine)? = noOCR ? nil : documentOCREngine()
                let context = DocumentParsingContext(ocr: ocr, ocrOptions: OCROptions(languages: languages, hint: .document))
                document = try await DocumentParser(context: context).parse(validated)
            }
            if json {
                print(try jsonText(Output(file: file, detected: validated.type, document: document)))
            } else {
                print(summary(validated, document))
            }
        }
    }

    private func summary(_ validated: ValidatedMedia, _ document: ParsedDocument?) -> String {
        var lines = ["\(file): \(validated.type) — \(validated.byteCount) bytes, valid"]
        if let size = validated.imageSize { lines.append("image: \(size.width)×\(size.height) pixels") }
        guard let document else { return lines.joined(separator: "\n") }
        if let title = document.title { lines.append("title: \(title)") }
        if let author = document.author { lines.append("author: \(author)") }
        if let language = document.language { lines.append("language: \(language)") }
        if let pages = document.pageCount { lines.append("\(document.format == .pptx ? "slides" : "pages"): \(pages)") }
        let roles = Dictionary(grouping: document.blocks, by: { $0.role.description }).mapValues(\.count)
        lines.append("blocks: \(document.blocks.count) (" + roles.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
        lines.append("tables: \(document.tables.count)" + document.tables.map { " \($0.rows.count)×\($0.columnCount)" }.joined())
        lines.append("images: \(document.images.count)" + document.images.map { " \($0.name) (\($0.contentType), \($0.bytes.count) B)" }.prefix(10).joined())
        if !document.ocrPages.isEmpty { lines.append("OCR'd pages: \(document.ocrPages.map(String.init).joined(separator: ", "))") }
        for warning in document.warnings { lines.append("warning: \(warning)") }
        if blocks > 0 {
            lines.append("")
            for block in document.blocks.prefix(blocks) {
                let place = block.page.map { "p\($0)" } ?? block.slide.map { "s\($0)" } ?? "-"
                let text = block.text.count > 110 ? String(block.text.prefix(110)) + "…" : block.text
                lines.append("[\(place) \(block.role)\(block.origin == .ocr ? " ocr" : "")] \(text)")
            }
            if document.blocks.count > blocks { lines.append("… \(document.blocks.count - blocks) more blocks (--blocks N)") }
        }
        return lines.joined(separator: "\n")
    }
}
