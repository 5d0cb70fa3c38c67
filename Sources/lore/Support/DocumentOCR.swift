import Foundation
import LoreCore
import LoreInference

/// Tesseract for document pages without a text layer (two worker threads); when its models are
/// missing, documents are parsed without OCR and a warning says so.
func documentOCREngine() -> (any OCREngine)? {
    do {
        return try TesseractOCREngine(configuration: TesseractConfiguration(threads: 2))
    } catch {
        FileHandle.standardError.write(Data("warning: pages without text will not be OCR'd (\(error))\n".utf8))
        return nil
    }
}
