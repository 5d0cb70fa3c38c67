import Foundation
import LoreCore

/// Tells the ZIP-based formats apart by their entries: OOXML by the main part's content type,
/// ODF and EPUB by their `mimetype` entry.
enum ZipContainerSniffer {
    static func classify(fileAt path: String, limits: MediaLimits) throws -> BinarySignature {
        let archive = try SafeZipArchive(path: path, limits: limits)
        if archive.contains("[Content_Types].xml") {
            let package = try OOXMLPackage(archive: archive)
            switch try package.documentFormat() {
            case .docx: return .type(.document(.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
            case .pptx: return .type(.document(.pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"))
            case .xlsx: return .type(.document(.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            default: break
            }
        }
        if let mimetype = try archive.readIfPresent("mimetype", maxBytes: 256) {
            let type = String(decoding: mimetype, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch type {
            case "application/vnd.oasis.opendocument.text": return .type(.document(.odt, type))
            case "application/vnd.oasis.opendocument.presentation": return .type(.document(.odp, type))
            case "application/vnd.oasis.opendocument.spreadsheet": return .type(.document(.ods, type))
            case "application/epub+zip": return .type(.document(.epub, type))
            default: break
            }
        }
        return .unsupported(contentType: "application/zip", what: "a ZIP archive that is no Office or OpenDocument file")
    }
}
