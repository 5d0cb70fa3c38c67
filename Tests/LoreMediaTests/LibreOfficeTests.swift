import Foundation
import Testing
import LoreCore
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
    func convertsRTFAndODTThroughLibreOffice() async throws {
        let rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}{\\f0\\fs48 Legacy heading}\\par The quarterly numbers were converted by LibreOffice.\\par}"
        let path = try folder.write(Array(rtf.utf8), as: "legacy.rtf")
        let document = try await DocumentParser(context: DocumentParsingContext(temporaryDirectory: folder.scratch)).parse(fileAt: path)
        #expect(document.format == .rtf)
        #expect(document.contentType == "application/rtf")
        #expect(document.text.contains("The quarterly numbers were converted by LibreOffice."))
        #expect(folder.scratchIsEmpty)
    }
}
