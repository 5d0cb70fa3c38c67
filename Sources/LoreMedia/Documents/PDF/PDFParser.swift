import Foundation
import LoreCore
import LoreSystem

/// PDF through poppler's command-line tools, each run under `MediaLimits.toolLimits`:
/// `pdfinfo` (pages, metadata), `pdftotext -bbox-layout` in batches of pages (blocks, lines,
/// words with boxes), `pdftoppm` + the injected OCR engine for pages without a text layer, and
/// `pdfimages` for embedded pictures.
struct PDFParser {
    let context: DocumentParsingContext
    /// Pages per pdftotext run: bounds the XML held in memory at once.
    static let pagesPerBatch = 50
    /// A page with fewer characters of text than this has no usable text layer.
    static let minimumTextCharacters = 16

    func parse(_ path: String, info known: PDFInfo?) async throws -> ParsedDocument {
        let limits = context.limits
        let name = (path as NSString).lastPathComponent
        let info: PDFInfo
        if let known { info = known } else { info = try await PDFInfo.read(path, limits: limits) }
        guard info.pageCount <= limits.maxPages else {
            throw LoreError(.pdfTooManyPages, "\(name) has \(info.pageCount) pages; the limit is \(limits.maxPages)",
                            details: ["pages": String(info.pageCount), "limit": String(limits.maxPages)])
        }
        let pages = try await layout(path, pageCount: info.pageCount, name: name)
        var builder = DocumentBuilder(limits: limits)
        let ocrPages = try await recognizeImagePages(path, pages: pages, builder: &builder)

        let assembler = PDFPageAssembler(pages: pages)
        for page in pages {
            if let ocrBlocks = ocrPages[page.number] {
                for block in ocrBlocks { try builder.add(block.text, .paragraph, page: page.number, bbox: block.bbox, origin: .ocr) }
            } else {
                try assembler.assemble(page: page, into: &builder)
            }
        }
        if context.extractsImages {
            try await ScratchDirectory.with(in: context.temporaryDirectory) { folder in
                let extractor = PDFImageExtractor(limits: limits)
                let listed = try await extractor.list(path)
                try await extractor.extract(path, listed: listed, skippingPages: Set(ocrPages.keys), into: folder, builder: &builder)
            }
        }
        return builder.finish(.pdf, contentType: "application/pdf", title: info.title, author: info.author, language: nil,
                              pageCount: info.pageCount, ocrPages: ocrPages.keys.sorted())
    }

    /// Every page's text layout, in batches; pages poppler skipped come back empty.
    private func layout(_ path: String, pageCount: Int, name: String) async throws -> [PDFPageLayout] {
        var pages: [PDFPageLayout] = []
        for first in stride(from: 1, through: pageCount, by: Self.pagesPerBatch) {
            try Task.checkCancellation()
            let last = min(pageCount, first + Self.pagesPerBatch - 1)
            let output: ProcessOutput
            do {
                output = try await ProcessRunner.run("pdftotext", [
                    "-bbox-layout", "-enc", "UTF-8", "-f", String(first), "-l", String(last), "--", path, "-",
                ], limits: context.limits.toolLimits(maxOutputBytes: context.limits.maxXMLPartBytes))
            } catch let error as LoreError where error.code == .processOutputTooLarge {
                throw LoreError(.documentTooLarge, "\(name): pages \(first)–\(last) hold more text than allowed")
            }
            guard output.succeeded else { throw PopplerFailure.error(for: output, name: name, tool: "pdftotext") }
            var batch = try PDFLayoutReader.pages(from: output.standardOutput, firstPage: first, limits: context.limits)
            if batch.count > last - first + 1 { batch = Array(batch.prefix(last - first + 1)) }
            while batch.count < last - first + 1 {
                batch.append(PDFPageLayout(number: first + batch.count, width: 0, height: 0, blocks: []))
            }
            pages += batch
        }
        return pages
    }

    /// Renders and OCRs pages without a text layer (when an OCR engine is injected), up to
    /// `ocrParallelism` pages at a time, returning their text per page. A page whose OCR fails
    /// (timeout, unreadable render) is skipped with a warning; the rest of the document stands.
    private func recognizeImagePages(_ path: String, pages: [PDFPageLayout],
                                     builder: inout DocumentBuilder) async throws -> [Int: [OCRBlock]] {
        let empty = pages.filter { $0.characterCount < Self.minimumTextCharacters }
        guard !empty.isEmpty else { return [:] }
        guard let ocr = context.ocr else {
            builder.warn("\(empty.count) pages without a text layer were not OCR'd (no OCR engine)")
            return [:]
        }
        let renderer = PDFPageRenderer(limits: context.limits)
        let options = context.ocrOptions
        let selected = Array(empty.prefix(context.limits.maxOCRPages))
        var results: [Int: [OCRBlock]] = [:]
        var failures: [Int: String] = [:]
        try await withThrowingTaskGroup(of: (Int, Result<[OCRBlock], LoreError>).self) { group in
            var next = 0
            func startNext() {
                guard next < selected.count else { return }
                let page = selected[next]
                next += 1
                group.addTask {
                    do {
                        let dpi = renderer.dpi(width: page.width, height: page.height)
                        let png = try await renderer.render(path, page: page.number, dpi: dpi)
                        let result = try await ocr.recognize(EncodedImage(bytes: png), options: options)
                        return (page.number, .success(OCRBlock.paragraphs(result, pointsPerPixel: 72 / dpi)))
                    } catch let error as LoreError {
                        return (page.number, .failure(error))
                    }
                }
            }
            for _ in 0..<max(1, context.ocrParallelism) { startNext() }
            while let (number, outcome) = try await group.next() {
                switch outcome {
                case .success(let blocks):
                    // A page blank to OCR too keeps whatever little text layer it had.
                    if !blocks.isEmpty || pages[number - 1].characterCount == 0 { results[number] = blocks }
                case .failure(let error):
                    failures[number] = error.code.rawValue
                }
                startNext()
            }
        }
        for (number, code) in failures.sorted(by: { $0.key < $1.key }) {
            builder.warn("page \(number) could not be OCR'd (\(code))")
        }
        if empty.count > selected.count {
            builder.warn("\(empty.count - selected.count) pages without a text layer beyond the OCR limit of \(context.limits.maxOCRPages) were not OCR'd")
        }
        return results
    }
}

/// A paragraph of OCR'd text with its box in PDF points.
struct OCRBlock {
    var text: String
    var bbox: BoundingBox?

    /// Tesseract's text split at blank lines into paragraphs; each takes its words' boxes
    /// (Tesseract lists words in the order of its text).
    static func paragraphs(_ result: OCRResult, pointsPerPixel scale: Double) -> [OCRBlock] {
        let paragraphs = result.text.components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }
        var wordIndex = 0
        return paragraphs.map { paragraph in
            let count = paragraph.split(separator: " ").count
            let words = result.words[min(wordIndex, result.words.count)..<min(wordIndex + count, result.words.count)]
            wordIndex += count
            let box = BoundingBox.union(words.map {
                BoundingBox(x: $0.box.x * scale, y: $0.box.y * scale, width: $0.box.width * scale, height: $0.box.height * scale)
            })
            return OCRBlock(text: paragraph, bbox: box?.rounded)
        }
    }
}
