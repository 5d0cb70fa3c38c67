import LoreCore
import LoreSystem

/// Global limits on what one media file may cost, checked before and while any decoder reads
/// it. Per-organisation quotas (files, bytes, minutes) are enforced where uploads are accepted
/// (`LoreApp`); these limits bound a single item whatever the organisation.
public struct MediaLimits: Sendable, Equatable, Codable {
    /// Largest file of any kind (the default matches `LoreConfiguration.maxUploadBytes`).
    public var maxFileBytes: Int64
    /// Largest document (PDF, Office, text) file; documents are smaller than recordings.
    public var maxDocumentBytes: Int64
    /// Longest audio or video.
    public var maxDurationSeconds: Double
    /// Largest image or rendered page, width × height.
    public var maxImagePixels: Int
    /// Largest width or height of an image.
    public var maxImageDimension: Int
    /// Most pages (PDF) or slides (PPTX) in one document.
    public var maxPages: Int
    /// Most entries in an archive-based document (DOCX, PPTX, …).
    public var maxArchiveEntries: Int
    /// Most bytes one archive entry may inflate to.
    public var maxEntryInflatedBytes: Int64
    /// Most bytes all entries together may inflate to.
    public var maxTotalInflatedBytes: Int64
    /// Highest inflated / compressed size, per entry and for the whole archive.
    public var maxCompressionRatio: Double
    /// The ratio is enforced once an entry (or the archive) has inflated this many bytes:
    /// a 20 KB run of spaces in styles.xml may well compress 200×, and costs nothing.
    public var compressionRatioFloorBytes: Int64
    /// Largest XML part parsed into memory (document.xml, a slide, poppler's layout).
    public var maxXMLPartBytes: Int
    /// Most embedded images extracted from one document (the rest are counted in warnings).
    public var maxEmbeddedImages: Int
    /// Largest single embedded image, encoded.
    public var maxEmbeddedImageBytes: Int
    /// Embedded images smaller than this on either side (icons, bullets, rules) are skipped.
    public var minEmbeddedImageSide: Int
    /// Pages without a text layer that are rendered and OCR'd, at most.
    public var maxOCRPages: Int
    /// Highest resolution a page is rendered at for OCR.
    public var maxRenderDPI: Double
    /// Most pixels of one rendered page; a huge MediaBox is rendered at a lower resolution.
    public var maxRenderPixels: Int
    /// Most UTF-8 bytes of text extracted from one document.
    public var maxExtractedTextBytes: Int
    /// Wall-clock and CPU seconds for one external tool run (poppler, LibreOffice).
    public var toolSeconds: Int
    /// Address space for one external tool run.
    public var toolMemoryBytes: Int

    public init(
        maxFileBytes: Int64 = 2 << 30,
        maxDocumentBytes: Int64 = 256 << 20,
        maxDurationSeconds: Double = 4 * 3600,
        maxImagePixels: Int = 50_000_000,
        maxImageDimension: Int = 32_000,
        maxPages: Int = 2_000,
        maxArchiveEntries: Int = 10_000,
        maxEntryInflatedBytes: Int64 = 256 << 20,
        maxTotalInflatedBytes: Int64 = 1 << 30,
        maxCompressionRatio: Double = 100,
        compressionRatioFloorBytes: Int64 = 1 << 20,
        maxXMLPartBytes: Int = 64 << 20,
        maxEmbeddedImages: Int = 500,
        maxEmbeddedImageBytes: Int = 32 << 20,
        minEmbeddedImageSide: Int = 32,
        maxOCRPages: Int = 500,
        maxRenderDPI: Double = 300,
        maxRenderPixels: Int = 12_000_000,
        maxExtractedTextBytes: Int = 64 << 20,
        toolSeconds: Int = 120,
        toolMemoryBytes: Int = 2 << 30
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDurationSeconds = maxDurationSeconds
        self.maxImagePixels = maxImagePixels
        self.maxImageDimension = maxImageDimension
        self.maxPages = maxPages
        self.maxArchiveEntries = maxArchiveEntries
        self.maxEntryInflatedBytes = maxEntryInflatedBytes
        self.maxTotalInflatedBytes = maxTotalInflatedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioFloorBytes = compressionRatioFloorBytes
        self.maxXMLPartBytes = maxXMLPartBytes
        self.maxEmbeddedImages = maxEmbeddedImages
        self.maxEmbeddedImageBytes = maxEmbeddedImageBytes
        self.minEmbeddedImageSide = minEmbeddedImageSide
        self.maxOCRPages = maxOCRPages
        self.maxRenderDPI = maxRenderDPI
        self.maxRenderPixels = maxRenderPixels
        self.maxExtractedTextBytes = maxExtractedTextBytes
        self.toolSeconds = toolSeconds
        self.toolMemoryBytes = toolMemoryBytes
    }

    /// Limits for one run of poppler or LibreOffice: the whole process group is killed at the
    /// wall-clock limit; CPU time and address space are capped with `prlimit`.
    public func toolLimits(maxOutputBytes: Int = 64 << 20) -> ProcessLimits {
        ProcessLimits(
            wallClock: .seconds(toolSeconds), cpuSeconds: toolSeconds,
            addressSpaceBytes: toolMemoryBytes, maxOutputBytes: maxOutputBytes)
    }

    /// The byte limit that applies to a file of this kind.
    public func maxBytes(for kind: MediaKind) -> Int64 {
        kind == .document ? min(maxDocumentBytes, maxFileBytes) : maxFileBytes
    }
}
