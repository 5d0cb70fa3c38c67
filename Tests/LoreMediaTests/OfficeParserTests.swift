import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct OfficeParserTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func parse(_ entries: [ZipFixtures.Entry], as name: String) async throws -> ParsedDocument {
        let path = folder.path(name)
        try ZipFixtures.write(entries, to: path)
        defer { #expect(folder.scratchIsEmpty) }
        return try await DocumentParser(context: DocumentParsingContext(temporaryDirectory: folder.scratch)).parse(fileAt: path)
    }

    func roles(_ document: ParsedDocument) -> [String: [String]] {
        Dictionary(grouping: document.blocks, by: { $0.role.description }).mapValues { $0.map(\.text) }
    }

    @Test func wordDocumentStructure() async throws {
        let png = try await MediaSamples.image("png", width: 64, height: 64)
        let document = try await parse(OfficeFixtures.richDOCX(image: png), as: "report.bin")
        #expect(document.format == .docx)
        #expect(document.title == "Annual Report 2024")
        #expect(document.author == "Jane Doe")
        #expect(document.language == "en-GB")
        #expect(document.pageCount == nil)
        let byRole = roles(document)
        #expect(byRole["heading1"] == ["Annual Report", "Introduction"])
        #expect(byRole["heading2"] == ["Details"])
        #expect(byRole["listItem"] == ["First bullet point"])
        #expect(byRole["listItem1"] == ["Nested bullet point"])
        #expect(byRole["header"] == ["Confidential header"])
        #expect(byRole["footer"] == ["Footer line"])
        #expect(byRole["comment"] == ["Reviewer remark"])
        #expect(byRole["footnote"] == ["Footnote source text"])
        #expect(byRole["paragraph"]?.contains("Revenue grew strongly this year.") == true)
        // Deleted text and field codes are not content; the text box appears once.
        #expect(!document.text.contains("DELETEDWORD"))
        #expect(!document.text.contains("FIELDCODE"))
        #expect(document.blocks.filter { $0.text == "Text box words" }.count == 1)
        // The table, rows × cells, a spanning cell padded so columns line up.
        let table = try #require(document.tables.first)
        #expect(table.caption == "Regional sales")
        #expect(table.rows == [["Region", "Q1", "Q2"], ["North", "120", "135"], ["Total both quarters", "", "255"]])
        #expect(document.blocks.filter { $0.role == .tableRow }.map(\.text) == ["Region | Q1 | Q2", "North | 120 | 135", "Total both quarters | 255"])
        // The picture, with its alternative text.
        let image = try #require(document.images.first)
        #expect(image.name == "word/media/image1.png")
        #expect(image.contentType == "image/png")
        #expect(image.altText == "Company logo")
        #expect(image.bytes == png)
        // Reading order: header first, body, then footer, notes and comments.
        let order = document.blocks.map(\.text)
        #expect(order.firstIndex(of: "Confidential header")! < order.firstIndex(of: "Introduction")!)
        #expect(order.firstIndex(of: "Introduction")! < order.firstIndex(of: "Footer line")!)
    }

    @Test func presentationStructure() async throws {
        let png = try await MediaSamples.image("png", width: 64, height: 64)
        let document = try await parse(OfficeFixtures.richPPTX(image: png), as: "deck.zip")
        #expect(document.format == .pptx)
        #expect(document.pageCount == 2)
        #expect(document.title == "Roadmap")
        #expect(document.language == "fr-FR")
        // Presentation order, not file-name order: slide2.xml is shown first.
        #expect(document.blocks.filter { $0.role == .slideTitle }.map(\.text) == ["Roadmap overview", "Closing remarks"])
        #expect(document.blocks.filter { $0.role == .slideTitle }.map(\.slide) == [1, 2])
        let first = document.blocks.filter { $0.slide == 1 }
        #expect(first.first?.role == .slideTitle)
        #expect(first.contains { $0.role == .listItem(level: 0) && $0.text == "Ship the parser" })
        #expect(first.contains { $0.role == .listItem(level: 1) && $0.text == "Tables and notes" })
        #expect(first.filter { $0.role == .speakerNotes }.map(\.text) == ["Mention the budget risk early"])
        #expect(!document.blocks.contains { $0.role == .speakerNotes && $0.text == "1" })
        #expect(document.blocks.contains { $0.slide == 2 && $0.role == .paragraph && $0.text == "Thank you for listening" })
        let table = try #require(document.tables.first)
        #expect(table.slide == 1)
        #expect(table.caption == "Roadmap overview")
        #expect(table.rows == [["Milestone", "Date"], ["Beta launch", "March"]])
        let image = try #require(document.images.first)
        #expect(image.slide == 1)
        #expect(image.altText == "Team photo")
        #expect(image.name == "ppt/media/image1.png")
    }

    @Test func xxeInsideAWordDocumentNeverReachesTheOutput() async throws {
        let hostile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <w:document \(OfficeFixtures.w)><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
        """
        do {
            let document = try await parse(OfficeFixtures.docxEntries(documentXML: hostile), as: "xxe.docx")
            Issue.record("parsed: \(document.text.prefix(80))")
        } catch let error as LoreError {
            #expect(error.code == .xmlDTDForbidden)
            #expect(!error.message.contains("root:"))
        }
        // The same in a relationships part and in the content types.
        let relsXXE = Array("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>".utf8)
        var entries = OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("ok"))
        entries[3] = .file("word/_rels/document.xml.rels", relsXXE)
        await #expect(throws: LoreError.self) { try await parse(entries, as: "xxe-rels.docx") }
    }

    @Test func aBombRenamedDocxIsRefusedAndNothingRemains() async throws {
        let bomb = folder.path("bomb.docx")
        try ZipBombFixture.writeDOCX(to: bomb)
        do {
            _ = try await DocumentParser(context: DocumentParsingContext(temporaryDirectory: folder.scratch)).parse(fileAt: bomb)
            Issue.record("the bomb was parsed")
        } catch let error as LoreError {
            #expect(error.code == .zipBomb)
        }
        #expect(folder.scratchIsEmpty)
    }

    @Test func documentWithoutBodyOrWithBrokenXMLIsCorrupt() async throws {
        let broken = OfficeFixtures.docxEntries(documentXML: "<w:document \(OfficeFixtures.w)><w:body><w:p></w:body></w:document>")
        await #expect(throws: LoreError.self) { try await parse(broken, as: "broken.docx") }
        do {
            _ = try await parse(OfficeFixtures.docxEntries(documentXML: "<w:document \(OfficeFixtures.w)/>"), as: "empty.docx")
        } catch let error as LoreError {
            #expect(error.code == .documentCorrupt)
        }
    }
}
