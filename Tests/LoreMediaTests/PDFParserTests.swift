import Foundation
import Testing
import LoreCore
import LoreInference
@testable import LoreMedia

@Suite struct PDFParserTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func parser(ocr: (any OCREngine)? = nil, limits: MediaLimits = MediaLimits()) -> DocumentParser {
        DocumentParser(context: DocumentParsingContext(limits: limits, ocr: ocr, temporaryDirectory: folder.scratch))
    }

    func parse(_ bytes: [UInt8], ocr: (any OCREngine)? = nil, limits: MediaLimits = MediaLimits()) async throws -> ParsedDocument {
        let path = try folder.write(bytes, as: "doc-\(UUID().uuidString).pdf")
        defer { #expect(folder.scratchIsEmpty) }
        return try await parser(ocr: ocr, limits: limits).parse(fileAt: path)
    }

    func failure(_ bytes: [UInt8], limits: MediaLimits = MediaLimits()) async -> LoreError? {
        do {
            _ = try await parse(bytes, limits: limits)
            return nil
        } catch let error as LoreError {
            return error
        } catch {
            return nil
        }
    }

    static let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]

    @Test func textOnEveryPageWithPagesAndBoxes() async throws {
        let pages = (1...3).map { page in
            PDFWriter.Page.text([
                .init(text: "Chapter \(page) overview", x: 72, y: 72, size: 24),
                .init(text: "The \(Self.words[page]) paragraph mentions \(Self.words[page + 3]) and \(Self.words[page + 6]) on page \(page).", x: 72, y: 130),
                .init(text: "A second line continues the \(Self.words[page]) paragraph.", x: 72, y: 146),
            ])
        }
        let document = try await parse(PDFWriter.document(pages))
        #expect(document.format == .pdf)
        #expect(document.pageCount == 3)
        #expect(document.ocrPages.isEmpty)
        for page in 1...3 {
            let blocks = document.blocks.filter { $0.page == page }
            #expect(blocks.contains { $0.role == .heading(level: 1) && $0.text == "Chapter \(page) overview" })
            let body = try #require(blocks.first { $0.text.contains("paragraph mentions") })
            #expect(body.role == .paragraph)
            #expect(body.text.contains(Self.words[page + 6]))
            let box = try #require(body.bbox)
            #expect(abs(box.x - 72) < 1)
            #expect(box.y > 120 && box.y < 140)
        }
        let recall = TextRecall.measure(output: document.text, reference: pages.map { page -> String in
            guard case .text(let runs, _, _) = page else { return "" }
            return runs.map(\.text).joined(separator: " ")
        }.joined(separator: "\n"))
        #expect(recall.recall == 1)
        #expect(document.blocks.map(\.order) == Array(0..<document.blocks.count))
    }

    @Test func alignedColumnsBecomeATable() async throws {
        var runs: [PDFWriter.TextRun] = [.init(text: "Quarterly figures", x: 72, y: 60, size: 16)]
        let rows = [["Region", "Q1", "Q2", "Growth"], ["North", "120", "135", "12%"], ["South", "98", "101", "3%"], ["West", "77", "90", "17%"]]
        for (index, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() { runs.append(.init(text: cell, x: 72 + Double(column) * 110, y: 110 + Double(index) * 18)) }
        }
        runs.append(.init(text: "The table above lists sales per region for the first two quarters of the year.", x: 72, y: 220))
        let document = try await parse(PDFWriter.document([.text(runs)]))
        let table = try #require(document.tables.first)
        #expect(table.source == .layout)
        #expect(table.rows == rows)
        #expect(table.page == 1)
        #expect(document.blocks.filter { $0.role == .tableRow }.map(\.text).first == "Region | Q1 | Q2 | Growth")
        #expect(document.blocks.contains { $0.role == .paragraph && $0.text.hasPrefix("The table above") })
        #expect(!document.blocks.contains { $0.role == .paragraph && $0.text.contains("North") })
    }

    @Test func imageOnlyPageIsRenderedAndReadByOCR() async throws {
        let jpeg = try await MediaSamples.textPicture(["Invoice number 4471", "Payment due in thirty days"], width: 1280, height: 500, size: 48)
        let pdf = PDFWriter.document([
            .text([.init(text: "Cover page with a text layer.", x: 72, y: 72)]),
            .image(jpeg: jpeg, pixelWidth: 1280, pixelHeight: 500, components: 3, width: 612, height: 240),
        ])
        let engine = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1))
        let document = try await parse(pdf, ocr: engine)
        #expect(document.ocrPages == [2])
        let ocrText = document.blocks.filter { $0.origin == .ocr }.map(\.text).joined(separator: " ")
        #expect(ocrText.contains("Invoice number 4471"))
        #expect(ocrText.contains("Payment due"))
        #expect(document.blocks.filter { $0.origin == .ocr }.allSatisfy { $0.page == 2 && $0.bbox != nil })
        let box = try #require(document.blocks.first { $0.origin == .ocr }?.bbox)
        #expect(box.x >= 0 && box.maxX <= 612 && box.maxY <= 240)
        // The scanned page's picture is not sent to the image path a second time.
        #expect(document.images.allSatisfy { $0.page != 2 })

        // Without an OCR engine the page is skipped, and said so.
        let withoutOCR = try await parse(pdf)
        #expect(withoutOCR.ocrPages.isEmpty)
        #expect(withoutOCR.warnings.contains { $0.contains("not OCR'd") })
    }

    @Test func embeddedImagesGoToTheImagePath() async throws {
        let jpeg = try await MediaSamples.image("jpg", width: 320, height: 200)
        let pdf = PDFWriter.document([.image(jpeg: jpeg, pixelWidth: 320, pixelHeight: 200, components: 3, width: 612, height: 792,
                                             text: [.init(text: "A page with a photograph and enough words for a text layer.", x: 72, y: 700)])])
        let document = try await parse(pdf)
        #expect(document.ocrPages.isEmpty)
        let image = try #require(document.images.first)
        #expect(document.images.count == 1)
        #expect(image.contentType == "image/jpeg")
        #expect(image.page == 1)
        #expect(ImageDimensions.read(image.bytes) == ImageDimensions.Size(width: 320, height: 200))
    }

    @Test func tenThousandPagesAreRefusedBeforeParsing() async throws {
        let pdf = PDFWriter.repeatedPages(10_000, text: "Same page again")
        let error = await failure(pdf)
        #expect(error?.code == .pdfTooManyPages)
        #expect(error?.details["pages"] == "10000")
        #expect(error?.details["limit"] == "2000")
    }

    @Test func aHugeMediaBoxIsRenderedAtBoundedResolution() async throws {
        let limits = MediaLimits()
        let renderer = PDFPageRenderer(limits: limits)
        // 200 × 200 inches: 300 dpi would be 3.6 billion pixels.
        let dpi = renderer.dpi(width: 14_400, height: 14_400)
        #expect(dpi * dpi * 200 * 200 <= Double(limits.maxRenderPixels))
        #expect(renderer.dpi(width: 612, height: 792) == 300)

        let jpeg = try await MediaSamples.textPicture(["HUGE PAGE"], width: 600, height: 200, size: 60)
        let pdf = PDFWriter.document([.image(jpeg: jpeg, pixelWidth: 600, pixelHeight: 200, components: 3, width: 14_400, height: 14_400)])
        let engine = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1))
        let document = try await parse(pdf, ocr: engine)
        #expect(document.pageCount == 1)
        #expect(document.ocrPages == [1])
        #expect(!document.blocks.isEmpty)
        #expect(document.blocks.allSatisfy { ($0.bbox?.maxX ?? 0) <= 14_400.5 })
    }

    @Test func corruptAndTruncatedPDFs() async throws {
        let good = PDFWriter.document([.text([.init(text: "Soon to be cut", x: 72, y: 72)])])
        #expect(await failure(Array(good.prefix(40)))?.code == .documentCorrupt)
        var generator = SeededGenerator(seed: 7)
        let garbage = Array("%PDF-1.7\n".utf8) + (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(await failure(garbage)?.code == .documentCorrupt)
        // The parser is fine afterwards.
        #expect(try await parse(good).text.contains("Soon to be cut"))
    }

    @Test func runningHeadersFootersAndLists() async throws {
        let pages = (1...4).map { page in
            PDFWriter.Page.text([
                .init(text: "ACME Quarterly Review", x: 72, y: 20, size: 9),
                .init(text: "Body text for page \(page) talks about the \(Self.words[page]) project in some detail.", x: 72, y: 120),
                .init(text: "• First point about \(Self.words[page])", x: 90, y: 160),
                .init(text: "• Second point about \(Self.words[page + 1])", x: 90, y: 176),
                .init(text: "Page \(page) of 4", x: 280, y: 760, size: 9),
            ])
        }
        let document = try await parse(PDFWriter.document(pages))
        #expect(document.blocks.filter { $0.role == .header }.count == 4)
        #expect(document.blocks.filter { $0.role == .footer }.map(\.text) == (1...4).map { "Page \($0) of 4" })
        #expect(document.blocks.filter { $0.role == .listItem(level: 0) }.count >= 8)
    }
}

@Suite struct RightToLeftTextTests {
    @Test func visualOrderBecomesLogical() {
        let box = BoundingBox(x: 0, y: 0, width: 1, height: 1)
        let visual = ["Arabic:", "ملاعلاب", "ابحرم", "2024"].map { PDFWord(text: $0, box: box) }
        #expect(RightToLeftText.logicalOrder(visual).map(\.text) == ["Arabic:", "مرحبا", "بالعالم", "2024"])
        let latin = ["Hello", "world"].map { PDFWord(text: $0, box: box) }
        #expect(RightToLeftText.logicalOrder(latin).map(\.text) == ["Hello", "world"])
        #expect(RightToLeftText.logicalOrder([PDFWord(text: "םולש", box: box)]).map(\.text) == ["שלום"])
    }
}
