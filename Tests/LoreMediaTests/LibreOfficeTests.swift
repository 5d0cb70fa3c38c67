import Foundation
import Testing
import LoreCore
import LoreSystem
@testable import LoreMedia

/// Legacy formats go through LibreOffice when it is installed (`scripts/setup --with-libreoffice`);
/// without it they get a precise error saying what to install.
@Suite struct LibreOfficeTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let installed = LibreOfficeConverter.locate(nil) != nil

    @Test func withoutLibreOfficeLegacyFormatsSayWhatToInstall() async throws {
        let context = DocumentParsingContext(temporaryDirectory: folder.scratch, libreOfficePath: "/nonexistent/soffice")
        let doc = try folder.write(CompoundFileFixture.make(streams: ["WordDocument"]), as: "old.doc")
        do {
            _ = try await DocumentParser(context: context).parse(fileAt: doc)
            Issue.record("a .doc was parsed without LibreOffice")
        } catch let error as LoreError {
            #expect(error.code == .unsupportedMediaType)
            #expect(error.message.contains("install LibreOffice to ingest .doc"))
            #expect(error.details["content_type"] == "application/msword")
        }
        #expect(folder.scratchIsEmpty)
    }

    @Test(.enabled(if: installed, "LibreOffice is not installed (scripts/setup --with-libreoffice)"))
    func convertsRTFDocODTAndPPTThroughLibreOffice() async throws {
        let context = DocumentParsingContext(temporaryDirectory: folder.scratch)
        let rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}{\\f0\\fs48 Legacy heading}\\par The quarterly numbers were converted by LibreOffice.\\par}"
        let rtfPath = try folder.write(Array(rtf.utf8), as: "legacy.rtf")
        let fromRTF = try await DocumentParser(context: context).parse(fileAt: rtfPath)
        #expect(fromRTF.format == .rtf)
        #expect(fromRTF.contentType == "application/rtf")
        #expect(fromRTF.text.contains("The quarterly numbers were converted by LibreOffice."))

        // Real legacy files, written by LibreOffice itself from the RTF and from a PPTX.
        for format in ["doc", "odt"] {
            let path = try await Self.convert(rtfPath, to: format, in: folder)
            let document = try await DocumentParser(context: context).parse(fileAt: path)
            #expect(document.format.rawValue == format)
            #expect(document.text.contains("converted by LibreOffice"), "\(format)")
        }
        let png = try await MediaSamples.image("png", width: 64, height: 64)
        let pptxPath = folder.path("deck.pptx")
        try ZipFixtures.write(OfficeFixtures.richPPTX(image: png), to: pptxPath)
        let pptPath = try await Self.convert(pptxPath, to: "ppt", in: folder)
        let slides = try await DocumentParser(context: context).parse(fileAt: pptPath)
        #expect(slides.format == .ppt)
        #expect(slides.pageCount == 2)
        // The fixture has no slide layouts, so LibreOffice keeps slide 1's title placeholder but
        // writes slide 2's title as a plain text box; the text and notes survive either way.
        #expect(slides.blocks.first { $0.role == .slideTitle }?.text == "Roadmap overview")
        #expect(slides.blocks.contains { $0.slide == 2 && $0.text == "Closing remarks" })
        #expect(slides.blocks.contains { $0.role == .speakerNotes && $0.text == "Mention the budget risk early" })
        #expect(folder.scratchIsEmpty)
    }

    /// `soffice --convert-to` into the test folder.
    static func convert(_ path: String, to format: String, in folder: TemporaryFolder) async throws -> String {
        let profile = folder.url.appendingPathComponent("lo-profile").path
        let output = folder.url.appendingPathComponent("converted", isDirectory: true).path
        let result = try await ProcessRunner.run("soffice", [
            "--headless", "--norestore", "-env:UserInstallation=file://\(profile)", "--convert-to", format, "--outdir", output, path,
        ], environment: ["HOME": folder.url.path], limits: ProcessLimits(wallClock: .seconds(180)))
        let converted = (output as NSString).appendingPathComponent(((path as NSString).lastPathComponent as NSString).deletingPathExtension + "." + format)
        guard result.succeeded, FileManager.default.fileExists(atPath: converted) else {
            throw LoreError(.processFailed, "soffice could not write .\(format): \(result.standardError)")
        }
        return converted
    }
}
