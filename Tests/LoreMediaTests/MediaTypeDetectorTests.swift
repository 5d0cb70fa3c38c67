import Foundation
import Testing
import LoreCore
import LoreSystem
@testable import LoreMedia

@Suite struct MediaTypeDetectorTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func detect(_ bytes: [UInt8], as name: String, probe: ContainerProbe? = nil) async throws -> DetectedType {
        try await MediaTypeDetector(probe: probe).detect(fileAt: try folder.write(bytes, as: name))
    }

    func unsupported(_ bytes: [UInt8], as name: String) async -> LoreError? {
        do {
            _ = try await detect(bytes, as: name)
            return nil
        } catch let error as LoreError {
            return error
        } catch {
            return nil
        }
    }

    @Test func imagesByTheirSignature() async throws {
        for (ext, type) in [("png", "image/png"), ("jpg", "image/jpeg"), ("gif", "image/gif"), ("webp", "image/webp"),
                            ("tiff", "image/tiff"), ("bmp", "image/bmp")] {
            let bytes = try await MediaSamples.image(ext)
            // Named .txt on purpose: the name never decides.
            let detected = try await detect(bytes, as: "picture-\(ext).txt")
            #expect(detected == DetectedType(kind: .image, contentType: type), "\(ext)")
        }
    }

    @Test func heicAndAvifByTheirBrands() async throws {
        func ftyp(_ major: String, _ compatible: [String]) -> [UInt8] {
            let body = Array(major.utf8) + [0, 0, 0, 0] + compatible.flatMap { Array($0.utf8) }
            let size = UInt32(8 + body.count)
            return withUnsafeBytes(of: size.bigEndian, Array.init) + Array("ftyp".utf8) + body + Array(repeating: 0, count: 64)
        }
        #expect(try await detect(ftyp("heic", ["mif1", "heic"]), as: "a.jpg").contentType == "image/heic")
        #expect(try await detect(ftyp("mif1", ["mif1", "avif", "miaf"]), as: "a.jpg").contentType == "image/avif")
        #expect(try await detect(ftyp("avif", ["avif"]), as: "a.png").kind == .image)
        #expect(try await detect(ftyp("M4A ", ["M4A ", "isom"]), as: "a.mp4") == DetectedType(kind: .audio, contentType: "audio/mp4"))
        #expect(try await detect(ftyp("qt  ", ["qt  "]), as: "a.mp4") == DetectedType(kind: .video, contentType: "video/quicktime"))
    }

    @Test func audioAndVideoContainers() async throws {
        let cases: [(ext: String, bytes: [UInt8], type: DetectedType)] = [
            ("mp4", try await MediaSamples.video("mp4"), .init(kind: .video, contentType: "video/mp4")),
            ("mov", try await MediaSamples.video("mov"), .init(kind: .video, contentType: "video/quicktime")),
            ("mkv", try await MediaSamples.video("mkv"), .init(kind: .video, contentType: "video/x-matroska")),
            ("webm", try await MediaSamples.video("webm", extra: ["-c:v", "libvpx", "-c:a", "libopus"]), .init(kind: .video, contentType: "video/webm")),
            ("avi", try await MediaSamples.video("avi"), .init(kind: .video, contentType: "video/x-msvideo")),
            ("mp3", try await MediaSamples.audio("mp3"), .init(kind: .audio, contentType: "audio/mpeg")),
            ("mp3", try await MediaSamples.audio("mp3", extra: ["-write_xing", "0", "-id3v2_version", "0"]), .init(kind: .audio, contentType: "audio/mpeg")),
            ("wav", try await MediaSamples.audio("wav"), .init(kind: .audio, contentType: "audio/wav")),
            ("flac", try await MediaSamples.audio("flac"), .init(kind: .audio, contentType: "audio/flac")),
            ("opus", try await MediaSamples.audio("opus"), .init(kind: .audio, contentType: "audio/ogg; codecs=opus")),
            ("ogg", try await MediaSamples.audio("ogg", extra: ["-c:a", "libvorbis"]), .init(kind: .audio, contentType: "audio/ogg; codecs=vorbis")),
            ("m4a", try await MediaSamples.audio("m4a"), .init(kind: .audio, contentType: "audio/mp4")),
        ]
        for item in cases {
            #expect(try await detect(item.bytes, as: "clip.bin") == item.type, "\(item.ext)")
        }
    }

    @Test func probeTellsAudioOnlyContainersFromVideo() async throws {
        // An MP4 holding only audio (an .m4a written with the mp4 muxer's isom brand).
        let audioOnly = try await MediaSamples.ffmpeg(["-f", "lavfi", "-i", "sine=duration=1", "-f", "mp4"], fileExtension: "mp4")
        #expect(try await detect(audioOnly, as: "a.mp4").kind == .video)
        let confirmed = try await detect(audioOnly, as: "a.mp4", probe: FFprobeFixture.probe)
        #expect(confirmed == DetectedType(kind: .audio, contentType: "audio/mp4"))
        let video = try await detect(try await MediaSamples.video("mp4"), as: "v.mp4", probe: FFprobeFixture.probe)
        #expect(video.kind == .video)
    }

    @Test func documentsByContentAndEntries() async throws {
        let png = try await MediaSamples.image("png")
        #expect(try await detect(PDFWriter.document([.text([.init(text: "x", x: 72, y: 72)])]), as: "report.docx")
                == DetectedType(kind: .document, contentType: "application/pdf", format: .pdf))
        #expect(try await detect(ZipFixtures.bytes(OfficeFixtures.richDOCX(image: png)), as: "a.pdf").format == .docx)
        #expect(try await detect(ZipFixtures.bytes(OfficeFixtures.richPPTX(image: png)), as: "a.docx").format == .pptx)
        let xlsx = try ZipFixtures.bytes([
            .file("[Content_Types].xml", OfficeFixtures.contentTypes([("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")])),
            .file("_rels/.rels", OfficeFixtures.rels([("rId1", "officeDocument", "xl/workbook.xml")])),
            .file("xl/workbook.xml", Array("<workbook/>".utf8)),
        ])
        #expect(try await detect(xlsx, as: "a.docx").format == .xlsx)
        for (mime, format) in [("application/vnd.oasis.opendocument.text", DocumentFormat.odt),
                               ("application/vnd.oasis.opendocument.presentation", .odp), ("application/epub+zip", .epub)] {
            let zip = try ZipFixtures.bytes([.stored("mimetype", Array(mime.utf8)), .file("content.xml", Array("<x/>".utf8))])
            #expect(try await detect(zip, as: "a.zip").format == format)
        }
        #expect(try await detect(Array("{\\rtf1\\ansi Hello}".utf8), as: "a.txt").format == .rtf)
        #expect(try await detect(CompoundFileFixture.make(streams: ["WordDocument", "1Table"]), as: "a.ppt").format == .doc)
        #expect(try await detect(CompoundFileFixture.make(streams: ["PowerPoint Document"]), as: "a.doc").format == .ppt)
        #expect(try await detect(CompoundFileFixture.make(streams: ["Workbook"]), as: "a.doc").format == .xls)
        #expect(await unsupported(CompoundFileFixture.make(streams: ["EncryptedPackage", "EncryptionInfo"]), as: "a.docx")?.code == .unsupportedMediaType)
        #expect(await unsupported(try ZipFixtures.bytes([.file("readme.txt", Array("hi".utf8))]), as: "a.docx")?.details["content_type"] == "application/zip")
    }

    @Test func textFormats() async throws {
        #expect(try await detect(Array("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n".utf8), as: "a.txt").format == .webvtt)
        #expect(try await detect(Array("1\n00:00:01,000 --> 00:00:02,500\nHello there\n\n2\n".utf8), as: "a.txt").format == .srt)
        #expect(try await detect(Array("<!DOCTYPE html><html><body><p>Hi</p></body></html>".utf8), as: "a.txt").format == .html)
        #expect(try await detect(Array("  <html lang=\"en\"><p>x</p>".utf8), as: "a.md").format == .html)
        #expect(try await detect(Array("# Title\n\nSome *text* with a [link](https://x.org).\n\n- item\n".utf8), as: "a.txt").format == .markdown)
        #expect(try await detect(Array("Dear team,\n\nthe meeting is moved to Friday.\n".utf8), as: "a.md").format == .txt)
        #expect(try await detect([0xEF, 0xBB, 0xBF] + Array("Grüße aus Köln".utf8), as: "a").format == .txt)
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("Hello UTF-16 world".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try await detect(utf16, as: "a").format == .txt)
        #expect(try await detect(Array("Caf\u{E9} cr\u{E8}me".unicodeScalars.map { UInt8($0.value) }), as: "latin1").format == .txt)
        #expect(await unsupported(Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), as: "a.png")?.details["content_type"] == "image/svg+xml")
    }

    @Test func polyglotsAreWhatTheirFirstBytesSay() async throws {
        let pdf = PDFWriter.document([.text([.init(text: "Polyglot text", x: 72, y: 72)])])
        let zip = try ZipFixtures.bytes(OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("zip side")))
        // A PDF with a ZIP appended (readers of both accept it): a PDF.
        #expect(try await detect(pdf + zip, as: "both.docx").format == .pdf)
        // A JPEG with a ZIP appended: a JPEG.
        let jpeg = try await MediaSamples.image("jpg")
        #expect(try await detect(jpeg + zip, as: "both.docx") == DetectedType(kind: .image, contentType: "image/jpeg"))
        // A ZIP whose first entry is a PDF: a ZIP (the PDF header is not at byte 0).
        let zipWithPDF = try ZipFixtures.bytes([.stored("a.pdf", pdf)])
        #expect(await unsupported(zipWithPDF, as: "a.pdf")?.details["content_type"] == "application/zip")
    }

    @Test func emptyRandomAndForeignFilesAreRefusedPrecisely() async throws {
        do {
            _ = try await detect([], as: "empty.pdf")
            Issue.record("an empty file was accepted")
        } catch let error as LoreError {
            #expect(error.code == .fileEmpty)
        }
        var generator = SeededGenerator(seed: 42)
        let random = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let error = await unsupported(random, as: "random.docx")
        #expect(error?.code == .unsupportedMediaType)
        #expect(error?.details["content_type"] == "application/octet-stream")
        #expect(await unsupported([0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0, count: 20), as: "a.pdf")?.details["content_type"] == "application/gzip")
        #expect(await unsupported([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + Array(repeating: 0, count: 50), as: "a.mp4")?.details["content_type"] == "application/x-executable")
    }
}

/// A deterministic random source for fixtures.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
