import Foundation
import LoreCore

/// What validation learnt about a file that passed it.
public struct ValidatedMedia: Sendable {
    public var path: String
    public var type: DetectedType
    public var byteCount: Int64
    /// PDF: pages, sizes and metadata from pdfinfo.
    public var pdf: PDFInfo?
    /// Images: the size the header declares.
    public var imageSize: ImageDimensions.Size?
    /// Audio/video: what the container probe reported.
    public var probe: ContainerProbeSummary?
}

/// The validation step before any decoder touches a file: type from content, then the global
/// limits for that kind. A file that fails gets a precise `LoreError` and nothing is stored.
///
/// - every kind: not empty, within the byte limit;
/// - images: declared width × height within the pixel limits (`image_too_large`);
/// - PDF: opens in pdfinfo, not encrypted, at most `maxPages` pages;
/// - DOCX/PPTX/XLSX/ODF/EPUB: every entry inflated once while counting (`SafeZipArchive`);
/// - audio/video: the probe's duration within `maxDurationSeconds` (when a probe is given).
public struct MediaValidator: Sendable {
    public var limits: MediaLimits
    public var detector: MediaTypeDetector

    public init(limits: MediaLimits = MediaLimits(), probe: ContainerProbe? = nil) {
        self.limits = limits
        self.detector = MediaTypeDetector(limits: limits, probe: probe)
    }

    /// Detects and validates the file at `path`.
    public func validate(fileAt path: String) async throws -> ValidatedMedia {
        let name = (path as NSString).lastPathComponent
        let size = try Self.fileSize(path)
        guard size > 0 else { throw LoreError(.fileEmpty, "\(name) is empty (0 bytes)") }
        guard size <= limits.maxFileBytes else { throw tooLarge(name, size, limits.maxFileBytes) }
        let type = try await detector.detect(fileAt: path)
        guard size <= limits.maxBytes(for: type.kind) else { throw tooLarge(name, size, limits.maxBytes(for: type.kind)) }
        var validated = ValidatedMedia(path: path, type: type, byteCount: size)
        switch type.kind {
        case .image:
            validated.imageSize = try checkImage(path, name: name)
        case .document:
            switch type.format {
            case .pdf:
                validated.pdf = try await PDFInfo.read(path, limits: limits)
                try checkPages(validated.pdf!.pageCount, name: name)
            case .docx, .pptx, .xlsx, .odt, .odp, .ods, .epub:
                try SafeZipArchive(path: path, limits: limits).validateContents()
            default:
                break
            }
        case .audio, .video:
            if let probe = detector.probe {
                let summary = try await probe(path)
                validated.probe = summary
                if let duration = summary.durationSeconds, duration > limits.maxDurationSeconds {
                    throw LoreError(.mediaTooLong, "\(name) lasts \(Int(duration)) s; the limit is \(Int(limits.maxDurationSeconds)) s",
                                    details: ["duration": String(Int(duration)), "limit": String(Int(limits.maxDurationSeconds))])
                }
            }
        case .unknown:
            break
        }
        return validated
    }

    func checkPages(_ pages: Int, name: String) throws {
        guard pages <= limits.maxPages else {
            throw LoreError(.pdfTooManyPages, "\(name) has \(pages) pages; the limit is \(limits.maxPages)",
                            details: ["pages": String(pages), "limit": String(limits.maxPages)])
        }
    }

    private func checkImage(_ path: String, name: String) throws -> ImageDimensions.Size? {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LoreError(.notFound, "cannot read \(name)") }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4 << 20)) ?? Data())
        guard let size = ImageDimensions.read(head) else { return nil }
        if size.width > limits.maxImageDimension || size.height > limits.maxImageDimension || size.pixels > limits.maxImagePixels {
            throw LoreError(.imageTooLarge,
                "\(name) declares \(size.width)×\(size.height) pixels; the limits are \(limits.maxImageDimension) per side and \(limits.maxImagePixels) in all",
                details: ["width": String(size.width), "height": String(size.height)])
        }
        return size
    }

    private func tooLarge(_ name: String, _ size: Int64, _ limit: Int64) -> LoreError {
        LoreError(.fileTooLarge, "\(name) is \(size) bytes; the limit is \(limit)", details: ["bytes": String(size), "limit": String(limit)])
    }

    static func fileSize(_ path: String) throws -> Int64 {
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else {
            throw LoreError(.notFound, "cannot read \(name)")
        }
        return size
    }
}
