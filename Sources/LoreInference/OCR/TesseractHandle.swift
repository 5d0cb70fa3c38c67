import CTesseract
import Foundation
import LoreCore

public extension ErrorCode {
    /// Recognition did not finish within the configured time.
    static let ocrTimeout = ErrorCode("ocr_timeout", .timeout)
    static let ocrFailed = ErrorCode("ocr_failed", .internalFailure)
}

/// One line of recognised text with its words, in the coordinates of the image given to Tesseract.
struct RecognizedLine {
    var words: [OCRWord]
    /// True when the line starts a new paragraph or block.
    var startsParagraph: Bool
    var box: BoundingBox {
        let left = words.map(\.box.x).min() ?? 0, top = words.map(\.box.y).min() ?? 0
        let right = words.map { $0.box.x + $0.box.width }.max() ?? 0
        let bottom = words.map { $0.box.y + $0.box.height }.max() ?? 0
        return BoundingBox(x: left, y: top, width: right - left, height: bottom - top)
    }
    var text: String { words.map(\.text).joined(separator: " ") }
    var meanConfidence: Double { words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) }
}

/// An initialised `TessBaseAPI` for one language set. Not thread-safe: each worker thread owns
/// its handles (see `TesseractWorkerPool`) and reuses them image after image.
final class TesseractHandle {
    private let api: OpaquePointer
    let languages: String

    /// Loads the models for `languages` (`osd` for orientation detection only).
    init(tessdata: TessdataDirectory, languages: String) throws {
        guard let api = TessBaseAPICreate() else { throw LoreError(.ocrEngineUnavailable, "Tesseract could not allocate an engine") }
        self.api = api
        self.languages = languages
        // Tesseract's diagnostics ("Empty page!!", resolution warnings) would go to stderr.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        let isOSD = languages == "osd"
        let status = TessBaseAPIInit2(api, tessdata.path, languages, isOSD ? OEM_TESSERACT_ONLY : OEM_LSTM_ONLY)
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw LoreError(.ocrEngineUnavailable, "Tesseract could not load '\(languages)' from \(tessdata.path)")
        }
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        TessBaseAPISetPageSegMode(api, isOSD ? PSM_OSD_ONLY : PSM_AUTO)
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Page orientation as (degrees to turn clockwise to make text upright, confidence), or nil
    /// when there is too little text to tell. Needs a handle made with `languages: "osd"`.
    func detectOrientation(_ image: LeptonicaImage) -> (clockwiseDegrees: Int, confidence: Double)? {
        TessBaseAPISetImage2(api, image.pix)
        defer { TessBaseAPIClear(api) }
        var degrees: Int32 = 0, confidence: Float = 0, scriptConfidence: Float = 0
        // The script name points into Tesseract's own tables; it is not ours to free.
        var script: UnsafePointer<CChar>?
        guard TessBaseAPIDetectOrientationScript(api, &degrees, &confidence, &script, &scriptConfidence) != 0 else { return nil }
        // Tesseract reports the page's counter-clockwise orientation; undoing it is a clockwise turn.
        return ((360 - Int(degrees)) % 360, Double(confidence))
    }

    /// Recognises `image`; gives up after `deadline` (then throws `ocr_timeout`) or when `cancelled` turns true.
    func recognize(_ image: LeptonicaImage, resolution: Int, pageSegMode: TessPageSegMode,
                   deadline: Duration, cancellation: CancellationFlag) throws -> [RecognizedLine] {
        TessBaseAPISetPageSegMode(api, pageSegMode)
        TessBaseAPISetImage2(api, image.pix)
        TessBaseAPISetSourceResolution(api, Int32(resolution))
        defer { TessBaseAPIClear(api) }

        guard let monitor = TessMonitorCreate() else { throw LoreError(.ocrFailed, "Tesseract could not allocate a monitor") }
        defer { TessMonitorDelete(monitor) }
        let milliseconds = deadline.components.seconds * 1000 + deadline.components.attoseconds / 1_000_000_000_000_000
        TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: max(1, milliseconds)))
        let flag = Unmanaged.passUnretained(cancellation).toOpaque()
        TessMonitorSetCancelThis(monitor, flag)
        TessMonitorSetCancelFunc(monitor) { context, _ in
            guard let context else { return false }
            return Unmanaged<CancellationFlag>.fromOpaque(context).takeUnretainedValue().isSet
        }
        let started = ContinuousClock.now
        let status = TessBaseAPIRecognize(api, monitor)
        if cancellation.isSet { throw CancellationError() }
        if ContinuousClock.now - started >= deadline {
            throw LoreError(.ocrTimeout, "OCR did not finish within \(deadline)")
        }
        guard status == 0 else { throw LoreError(.ocrFailed, "Tesseract could not recognise the image") }
        return readLines()
    }

    private func readLines() -> [RecognizedLine] {
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var lines: [RecognizedLine] = []
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
            TessDeleteText(raw)
            guard !text.isEmpty else { continue }
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            _ = TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom)
            let word = OCRWord(
                text: text,
                confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)),
                box: BoundingBox(x: Double(left), y: Double(top), width: Double(right - left), height: Double(bottom - top)))
            let newLine = lines.isEmpty || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
            if newLine {
                let paragraph = TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0
                lines.append(RecognizedLine(words: [word], startsParagraph: paragraph))
            } else {
                lines[lines.count - 1].words.append(word)
            }
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return lines
    }
}

/// A flag Tesseract's monitor polls while recognising, set when the Swift task is cancelled.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
