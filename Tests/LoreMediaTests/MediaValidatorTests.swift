import Foundation
import Testing
import LoreCore
@testable import LoreMedia

@Suite struct MediaValidatorTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func failure(_ bytes: [UInt8], as name: String, limits: MediaLimits = MediaLimits(), probe: ContainerProbe? = nil) async -> LoreError? {
        do {
            _ = try await MediaValidator(limits: limits, probe: probe).validate(fileAt: try folder.write(bytes, as: name))
            return nil
        } catch let error as LoreError {
            return error
        } catch {
            return nil
        }
    }

    /// A PNG of `width` × `height` whose IHDR has a valid CRC and no pixel data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        var chunk: [UInt8] = Array("IHDR".utf8)
        chunk += withUnsafeBytes(of: width.bigEndian, Array.init) + withUnsafeBytes(of: height.bigEndian, Array.init) + [8, 2, 0, 0, 0]
        let crc = CRC32.checksum(chunk)
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + chunk + withUnsafeBytes(of: crc.bigEndian, Array.init)
    }

    @Test func aPixelBombIsRefusedFromItsHeader() async throws {
        let error = await failure(Self.pngHeader(width: 30_000, height: 30_000), as: "photo.jpg")
        #expect(error?.code == .imageTooLarge)
        #expect(error?.details["width"] == "30000")
        #expect(error?.details["height"] == "30000")
        // Other formats' headers are read too.
        let jpeg = try await MediaSamples.image("jpg", width: 640, height: 480)
        let validated = try await MediaValidator().validate(fileAt: try folder.write(jpeg, as: "p.png"))
        #expect(validated.imageSize == ImageDimensions.Size(width: 640, height: 480))
        for ext in ["gif", "bmp", "webp", "tiff"] {
            let bytes = try await MediaSamples.image(ext, width: 321, height: 123)
            #expect(ImageDimensions.read(bytes) == ImageDimensions.Size(width: 321, height: 123), "\(ext)")
        }
        var small = MediaLimits()
        small.maxImagePixels = 100_000
        #expect(await failure(jpeg, as: "p.jpg", limits: small)?.code == .imageTooLarge)
    }

    @Test func sizeAndEmptiness() async throws {
        #expect(await failure([], as: "empty.pdf")?.code == .fileEmpty)
        var limits = MediaLimits()
        limits.maxDocumentBytes = 100
        let text = Array(String(repeating: "words ", count: 50).utf8)
        let error = await failure(text, as: "long.txt", limits: limits)
        #expect(error?.code == .fileTooLarge)
        #expect(error?.details["limit"] == "100")
        #expect(await failure(Array(text.prefix(90)), as: "short.txt", limits: limits) == nil)
    }

    @Test func durationFromTheProbe() async throws {
        let audio = try await MediaSamples.audio("wav")
        var limits = MediaLimits()
        limits.maxDurationSeconds = 0.5
        let error = await failure(audio, as: "a.wav", limits: limits, probe: FFprobeFixture.probe)
        #expect(error?.code == .mediaTooLong)
        let validated = try await MediaValidator(probe: FFprobeFixture.probe).validate(fileAt: try folder.write(audio, as: "b.wav"))
        #expect(validated.type.kind == .audio)
        #expect(abs((validated.probe?.durationSeconds ?? 0) - 1) < 0.1)
    }

    @Test func pdfPagesAreCountedBeforeParsing() async throws {
        var limits = MediaLimits()
        limits.maxPages = 5
        let error = await failure(PDFWriter.repeatedPages(6, text: "x"), as: "six.pdf", limits: limits)
        #expect(error?.code == .pdfTooManyPages)
        let validated = try await MediaValidator(limits: limits).validate(fileAt: try folder.write(PDFWriter.repeatedPages(5, text: "x"), as: "five.pdf"))
        #expect(validated.pdf?.pageCount == 5)
    }

    /// An XXE DOCX (or any Office/OpenDocument archive with a DTD in an XML part) is refused at
    /// upload, before it is stored — split across inflate chunks and in any case, too.
    @Test func aDocumentTypeDeclarationInAnyXMLPartIsRefusedBeforeStorage() async throws {
        let xxe = "<?xml version=\"1.0\"?><!DocType d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:document \(OfficeFixtures.w)><w:body/></w:document>"
        let inBody = try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML: xxe))
        #expect(await failure(inBody, as: "xxe.docx")?.code == .xmlDTDForbidden)
        let padded = String(repeating: "<!-- padding -->", count: 20_000) + "<!DOCTYPE r>"
        let inRelationships = try ZipFixtures.bytes(OfficeFixtures.docxEntries(
            documentXML: OfficeFixtures.simpleDocumentXML("hello"), extra: [.stored("word/_rels/extra.xml.rels", Array(padded.utf8))]))
        #expect(await failure(inRelationships, as: "rels.docx")?.code == .xmlDTDForbidden)
        let good = try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("&lt;!DOCTYPE is only text here")))
        #expect(try await MediaValidator().validate(fileAt: try folder.write(good, as: "good.docx")).type.format == .docx)
    }

    @Test func theDoctypeScannerFindsTheMarkerAcrossChunks() {
        var scanner = DoctypeScanner()
        for chunk in ["<?xml?><!DO", "cTy", "pe x>"] { scanner.feed(Array(chunk.utf8)) }
        #expect(scanner.found)
        var wide = DoctypeScanner()
        wide.feed(Array("<?xml?><!DOCTYPE x>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(wide.found)
        var clean = DoctypeScanner()
        for chunk in ["<!-- <!DOC", " -->", "TYPE"] { clean.feed(Array(chunk.utf8)) }
        #expect(!clean.found)
    }
}
