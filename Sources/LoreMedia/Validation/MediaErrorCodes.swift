import LoreCore

/// Precise, stable codes for media that fails detection, validation or parsing.
/// Each is documented in docs/documents.md; clients and tests match on the raw value.
public extension ErrorCode {
    // Whole file
    /// The file has no bytes.
    static let fileEmpty = ErrorCode("file_empty", .invalidInput)
    /// The file is larger than `MediaLimits.maxFileBytes` (or the per-kind byte limit).
    static let fileTooLarge = ErrorCode("file_too_large", .tooLarge)
    /// Audio or video longer than `MediaLimits.maxDurationSeconds`.
    static let mediaTooLong = ErrorCode("media_too_long", .tooLarge)

    // PDF
    /// More pages than `MediaLimits.maxPages`.
    static let pdfTooManyPages = ErrorCode("pdf_too_many_pages", .tooLarge)
    /// The PDF needs a password to open.
    static let pdfEncrypted = ErrorCode("pdf_encrypted", .unsupportedMedia)

    // Archives (DOCX, PPTX, …)
    /// More entries in the archive than `MediaLimits.maxArchiveEntries`.
    static let archiveTooManyEntries = ErrorCode("archive_too_many_entries", .tooLarge)
    /// An entry (or all of them) inflates beyond the byte limits, or compresses better than
    /// `MediaLimits.maxCompressionRatio`: a decompression bomb.
    static let zipBomb = ErrorCode("zip_bomb", .tooLarge)
    /// An entry path that is absolute, climbs out with `..`, or is a symbolic link.
    static let archivePathUnsafe = ErrorCode("archive_path_unsafe", .invalidInput)
    /// An archive inside the archive (nested archives are never opened).
    static let archiveNested = ErrorCode("archive_nested", .invalidInput)

    // XML
    /// The XML has a document type declaration (DTD); refused so no entity can be declared,
    /// expanded (billion laughs) or fetched (XXE).
    static let xmlDTDForbidden = ErrorCode("xml_dtd_forbidden", .invalidInput)

    // Content
    /// The file claims a format it does not follow: truncated, malformed XML, broken
    /// structure, or a tool could not read it.
    static let documentCorrupt = ErrorCode("document_corrupt", .invalidInput)
    /// The text extracted from a document exceeds `MediaLimits.maxExtractedTextBytes`.
    static let documentTooLarge = ErrorCode("document_too_large", .tooLarge)
}
