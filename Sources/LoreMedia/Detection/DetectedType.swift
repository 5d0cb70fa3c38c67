import LoreCore

/// Document formats Lore recognises. Whether a format is parsed here, converted first
/// (legacy formats, through LibreOffice) or handed to another stage (subtitles) is decided by
/// `DocumentParser`.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case pdf, docx, pptx, xlsx, odt, odp, ods, epub
    /// Legacy binary Office formats (OLE2 compound files).
    case doc, ppt, xls
    case rtf, txt, markdown, html
    /// Subtitle/transcript formats; parsed by the transcript stage, not here.
    case webvtt, srt

    /// The legacy formats LibreOffice converts to one that is parsed here.
    public var isConvertedByLibreOffice: Bool {
        switch self {
        case .doc, .ppt, .odt, .odp, .rtf: return true
        default: return false
        }
    }
}

/// What a file is, decided from its content: a media kind, a precise content type, and for
/// documents the format.
public struct DetectedType: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: MediaKind
    /// A MIME type, for example `application/pdf` or `video/mp4`.
    public var contentType: String
    public var format: DocumentFormat?

    public init(kind: MediaKind, contentType: String, format: DocumentFormat? = nil) {
        self.kind = kind
        self.contentType = contentType
        self.format = format
    }

    public var description: String {
        format.map { "\(kind.rawValue) \(contentType) (\($0.rawValue))" } ?? "\(kind.rawValue) \(contentType)"
    }

    static func document(_ format: DocumentFormat, _ contentType: String) -> DetectedType {
        DetectedType(kind: .document, contentType: contentType, format: format)
    }
    static func image(_ contentType: String) -> DetectedType { DetectedType(kind: .image, contentType: contentType) }
    static func audio(_ contentType: String) -> DetectedType { DetectedType(kind: .audio, contentType: contentType) }
    static func video(_ contentType: String) -> DetectedType { DetectedType(kind: .video, contentType: contentType) }
}
