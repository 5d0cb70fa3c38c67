import CTesseract
import Foundation
import LoreCore

/// Settings of the local OCR engine; the defaults suit a laptop.
public struct TesseractConfiguration: Sendable {
    /// Folder with `*.traineddata`; nil finds Debian's (see `TessdataDirectory.locate`).
    public var tessdataPath: String?
    /// Worker threads, each with its own engines; at most this many images are read at once.
    public var threads: Int
    /// Longest time one image may take, pre-processing and every region included.
    public var timeoutPerImage: Duration
    public var decodingLimits: ImageDecodingLimits
    /// OSD confidence below which a page is left as it is (a wrong turn ruins the text).
    public var minimumOrientationConfidence: Double

    public init(tessdataPath: String? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                timeoutPerImage: Duration = .seconds(120),
                decodingLimits: ImageDecodingLimits = ImageDecodingLimits(),
                minimumOrientationConfidence: Double = 1.0) {
        self.tessdataPath = tessdataPath
        self.threads = threads
        self.timeoutPerImage = timeoutPerImage
        self.decodingLimits = decodingLimits
        self.minimumOrientationConfidence = minimumOrientationConfidence
    }
}

/// OCR with Tesseract 5 (LSTM models) through its C API, with Leptonica pre-processing.
///
/// Images are decoded with limits checked from the header, turned upright with Tesseract's
/// orientation detection, pre-processed by content hint (`OCRPreprocessor`) and read on
/// dedicated threads that keep their initialised engines (`TesseractWorkerPool`). Word boxes are
/// given in the pixels of the image as it was passed in, whatever turning or scaling happened.
public final class TesseractOCREngine: OCREngine {
    public let tessdata: TessdataDirectory
    public let configuration: TesseractConfiguration
    private let pool: TesseractWorkerPool
    private let decoder: ImageDecoder

    public init(configuration: TesseractConfiguration = TesseractConfiguration()) throws {
        let tessdata = try TessdataDirectory.locate(explicit: configuration.tessdataPath)
        self.tessdata = tessdata
        self.configuration = configuration
        self.decoder = ImageDecoder(limits: configuration.decodingLimits)
        self.pool = TesseractWorkerPool(tessdata: tessdata, threadCount: configuration.threads)
    }

    deinit {
        pool.shutdown()
    }

    /// The linked libtesseract's version, e.g. "5.3.0".
    public static var libraryVersion: String { String(cString: TessVersion()) }

    public func recognize(_ image: EncodedImage, options: OCROptions) async throws -> OCRResult {
        let languages = try tessdata.validate(languages: options.languages)
        if options.detectOrientation && !tessdata.hasModel("osd") {
            throw LoreError(.ocrEngineUnavailable, "orientation detection needs osd.traineddata (Debian tesseract-ocr-osd)")
        }
        try Task.checkCancellation()
        let flag = CancellationFlag()
        let job = RecognitionJob(image: image, options: options, languages: languages, decoder: decoder,
                                 configuration: configuration, cancellation: flag)
        return try await withTaskCancellationHandler {
            try await pool.run { engines in try job.run(engines) }
        } onCancel: {
            flag.set()
        }
    }
}

/// Everything one image needs on its worker thread.
private struct RecognitionJob: Sendable {
    let image: EncodedImage
    let options: OCROptions
    let languages: String
    let decoder: ImageDecoder
    let configuration: TesseractConfiguration
    let cancellation: CancellationFlag

    /// Smaller pictures cannot hold a legible character; Tesseract would only complain.
    static let minimumSide = 3

    func run(_ engines: TesseractWorkerPool.ThreadEngines) throws -> OCRResult {
        let started = ContinuousClock.now
        let decoded = try decoder.decode(image)
        guard decoded.width >= Self.minimumSide, decoded.height >= Self.minimumSide else {
            return OCRResult(text: "", words: [], rotation: 0)
        }
        let gray = try decoded.grayscale()
        let orientation = options.detectOrientation ? try detectOrientation(gray, engines) : 0
        let upright = try gray.rotated(quarterTurns: orientation / 90)
        let whiteness = options.hint == .videoFrame ? try decoded.whiteness().rotated(quarterTurns: orientation / 90) : nil
        let regions = try OCRPreprocessor().regions(of: upright, whiteness: whiteness, hint: options.hint)

        let handle = try engines.handle(for: languages)
        var lines: [RecognizedLine] = []
        var subtitles: [RecognizedLine] = []
        var subtitleTop = Double.infinity
        for region in regions {
            if cancellation.isSet { throw CancellationError() }
            let remaining = configuration.timeoutPerImage - (ContinuousClock.now - started)
            guard remaining > .zero else { throw LoreError(.ocrTimeout, "OCR did not finish within \(configuration.timeoutPerImage)") }
            let found = try handle.recognize(region.image, resolution: resolution(of: decoded, scale: region.scale),
                                             pageSegMode: region.pageSegMode, deadline: remaining, cancellation: cancellation)
            let mapped = found.map { line in
                RecognizedLine(words: line.words.map { OCRWord(text: $0.text, confidence: $0.confidence, box: region.pageBox($0.box)) },
                               startsParagraph: line.startsParagraph)
            }
            if region.isSubtitleBand {
                subtitles += mapped
                subtitleTop = Double(region.frame.y)
            } else {
                lines += mapped
            }
        }
        lines = SubtitleMerger.merge(lines, subtitles: subtitles, bandTop: subtitleTop)

        let rotation = PageRotation(clockwiseDegrees: orientation, originalWidth: decoded.width, originalHeight: decoded.height)
        var text = ""
        for line in lines {
            if !text.isEmpty { text += line.startsParagraph ? "\n\n" : "\n" }
            text += line.text
        }
        let words = lines.flatMap(\.words).map {
            OCRWord(text: $0.text, confidence: $0.confidence, box: rotation.originalBox($0.box))
        }
        return OCRResult(text: text, words: words, rotation: orientation)
    }

    /// Clockwise degrees (0, 90, 180, 270) that make the page upright.
    private func detectOrientation(_ gray: LeptonicaImage, _ engines: TesseractWorkerPool.ThreadEngines) throws -> Int {
        // OSD needs some text to look at; tiny pictures are read as they are.
        guard gray.width >= 32, gray.height >= 32 else { return 0 }
        let osd = try engines.handle(for: "osd")
        // OSD looks for dark text; give it dark-theme pages inverted.
        let pixels = try gray.grayPixels()
        let page = Histogram(pixels).median < 110 ? try gray.inverted() : gray
        guard let found = osd.detectOrientation(page), found.confidence >= configuration.minimumOrientationConfidence else { return 0 }
        return found.clockwiseDegrees
    }

    /// Resolution for Tesseract's size heuristics: the file's own, or 300 dpi when the file
    /// does not say or the region was enlarged. Enlarged small text is meant to look like
    /// ordinary text at 300 dpi; scaling the declared resolution with it made Tesseract take
    /// the letters for specks (CER 89 % instead of 2 % on a 720p frame of a page).
    private func resolution(of image: LeptonicaImage, scale: Double) -> Int {
        let declared = image.resolution
        return scale == 1 && (70...1200).contains(declared) ? declared : 300
    }
}

/// Maps boxes from the upright page back to the image as it was given.
struct PageRotation {
    let clockwiseDegrees: Int
    let originalWidth: Int
    let originalHeight: Int

    func originalBox(_ box: BoundingBox) -> BoundingBox {
        let corners = [(box.x, box.y), (box.x + box.width, box.y + box.height)].map(originalPoint)
        let left = min(corners[0].0, corners[1].0), right = max(corners[0].0, corners[1].0)
        let top = min(corners[0].1, corners[1].1), bottom = max(corners[0].1, corners[1].1)
        return BoundingBox(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Inverse of turning the original clockwise by `clockwiseDegrees`.
    func originalPoint(_ point: (Double, Double)) -> (Double, Double) {
        let (x, y) = point
        let w = Double(originalWidth), h = Double(originalHeight)
        switch clockwiseDegrees {
        case 90: return (y, h - x)
        case 180: return (w - x, h - y)
        case 270: return (w - y, x)
        default: return (x, y)
        }
    }
}

/// Chooses between the ordinary reading of a video frame's lower band and its thresholded
/// subtitle reading, by mean word confidence.
enum SubtitleMerger {
    /// Below this mean confidence the subtitle reading is taken for noise (bright scenery).
    static let minimumConfidence = 60.0

    static func merge(_ lines: [RecognizedLine], subtitles: [RecognizedLine], bandTop: Double) -> [RecognizedLine] {
        guard !subtitles.isEmpty else { return lines }
        let subtitleConfidence = mean(subtitles)
        guard subtitleConfidence >= minimumConfidence else { return lines }
        let inBand = lines.filter { $0.box.y + $0.box.height / 2 >= bandTop }
        guard inBand.isEmpty || subtitleConfidence > mean(inBand) else { return lines }
        var kept = lines.filter { $0.box.y + $0.box.height / 2 < bandTop }
        for (index, line) in subtitles.enumerated() {
            kept.append(RecognizedLine(words: line.words, startsParagraph: index == 0 || line.startsParagraph))
        }
        return kept
    }

    private static func mean(_ lines: [RecognizedLine]) -> Double {
        let words = lines.flatMap(\.words)
        return words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }
}
