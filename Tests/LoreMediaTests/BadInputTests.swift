import Foundation
import Testing
import LoreCore
@testable import LoreMedia

/// Hostile and broken files through the whole document path (detect → validate → parse): each
/// gets its precise error or bounded output, leaves nothing in the scratch folder, and the
/// parser keeps working.
@Suite struct BadInputTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    var parser: DocumentParser { DocumentParser(context: DocumentParsingContext(temporaryDirectory: folder.scratch)) }

    func outcome(_ bytes: [UInt8], as name: String) async -> Result<ParsedDocument, LoreError> {
        defer { #expect(folder.scratchIsEmpty, "\(name) left files behind") }
        do {
            return .success(try await parser.parse(fileAt: try folder.write(bytes, as: name)))
        } catch let error as LoreError {
            return .failure(error)
        } catch {
            return .failure(LoreError(.internalError, "\(error)"))
        }
    }

    func code(_ bytes: [UInt8], as name: String) async -> ErrorCode? {
        if case .failure(let error) = await outcome(bytes, as: name) { return error.code }
        return nil
    }

    @Test func everyBadInputHasItsCode() async throws {
        let inner = try ZipFixtures.bytes([.file("x.txt", [1, 2, 3])])
        let docx = { (extra: [ZipFixtures.Entry]) in
            try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("hello"), extra: extra))
        }
        var generator = SeededGenerator(seed: 99)
        let cases: [(String, [UInt8], ErrorCode)] = [
            ("empty.pdf", [], .fileEmpty),
            ("random.docx", (0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) }, .unsupportedMediaType),
            ("traversal.docx", try docx([.file("../../etc/evil", [1])]), .archivePathUnsafe),
            ("absolute.docx", try docx([.file("/tmp/evil", [1])]), .archivePathUnsafe),
            ("link.docx", try docx([.symlink("word/media/link.png", target: "/etc/passwd")]), .archivePathUnsafe),
            ("nested.docx", try docx([.stored("word/media/nested.zip", inner)]), .archiveNested),
            ("ratio.docx", try docx([.zeros("word/media/zeros.bin", size: 8 << 20)]), .zipBomb),
            ("xxe.docx", try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML:
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:document \(OfficeFixtures.w)><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")), .xmlDTDForbidden),
            ("pixels.png", MediaValidatorTests.pngHeader(width: 30_000, height: 30_000), .imageTooLarge),
            ("many.pdf", PDFWriter.repeatedPages(10_000, text: "again"), .pdfTooManyPages),
            ("cut.pdf", Array(PDFWriter.document([.text([.init(text: "x", x: 72, y: 72)])]).prefix(60)), .documentCorrupt),
            ("zip.docx", inner, .unsupportedMediaType),
            ("photo.pdf", try await MediaSamples.image("png"), .unsupportedMediaType),
        ]
        for (name, bytes, expected) in cases {
            #expect(await code(bytes, as: name) == expected, "\(name)")
        }
        // Still working: a good document after all of that.
        guard case .success(let document) = await outcome(try docx([]), as: "good.docx") else {
            Issue.record("the parser failed on a good file after the bad ones")
            return
        }
        #expect(document.text == "hello")
    }

    @Test func wrongExtensionsAreIgnored() async throws {
        let pdf = PDFWriter.document([.text([.init(text: "Really a PDF", x: 72, y: 72)])])
        guard case .success(let asDocx) = await outcome(pdf, as: "letter.docx") else { Issue.record("not parsed"); return }
        #expect(asDocx.format == .pdf)
        #expect(asDocx.text == "Really a PDF")
        let markdown = Array("# Heading\n\n- item one\n- item two\n".utf8)
        guard case .success(let asPDF) = await outcome(markdown, as: "notes.pdf") else { Issue.record("not parsed"); return }
        #expect(asPDF.format == .markdown)
    }

    @Test func polyglotsParseAsTheirFirstFormat() async throws {
        let pdf = PDFWriter.document([.text([.init(text: "The PDF side of a polyglot", x: 72, y: 72)])])
        let zip = try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("The DOCX side")))
        guard case .success(let document) = await outcome(pdf + zip, as: "polyglot.docx") else { Issue.record("not parsed"); return }
        #expect(document.format == .pdf)
        #expect(document.text.contains("The PDF side"))
        #expect(!document.text.contains("DOCX side"))
    }
}
