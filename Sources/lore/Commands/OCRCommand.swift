import ArgumentParser
import Foundation
import LoreCore
import LoreInference

/// `lore ocr IMAGE`: the text in a picture, with word boxes and confidences.
struct OCRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Read the text in an image (or a video frame) with Tesseract.",
        discussion: """
            Accepts any image Leptonica decodes (PNG, JPEG, TIFF, WebP, GIF, BMP, PNM, JPEG 2000) \
            and anything else ffmpeg decodes (for a video: the frame at --time, default the first). \
            Pages turned by 90/180/270 degrees are detected and read upright; word boxes are in \
            the pixels of the image as given.
            JSON: {"text": …, "rotation": 0|90|180|270, "words": [{"text", "confidence" (0–100), \
            "box": {"x", "y", "width", "height"}}]}
            """
    )

    @Argument(help: "The image or video file.")
    var image: String

    @Flag(help: "Print JSON instead of plain text.")
    var json = false

    @Option(name: .customLong("lang"), help: "Tesseract languages joined with '+', e.g. eng+deu+fra.")
    var languages = "eng"

    @Option(help: "What the picture is: document, screenshot or video-frame (selects pre-processing).")
    var hint: OCRContentHint = .document

    @Flag(name: .customLong("no-orientation"), help: "Do not detect and correct page orientation.")
    var noOrientation = false

    @Option(help: "For a video: the time of the frame to read, in seconds.")
    var time: Double?

    func run() async throws {
        try await reportingLoreErrors {
            let engine = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1))
            let encoded = try await ImageFileLoader().load(fileAt: image, time: time)
            let options = OCROptions(languages: languages, hint: hint, detectOrientation: !noOrientation)
            let result = try await engine.recognize(encoded, options: options)
            print(json ? try jsonText(result) : result.text)
        }
    }
}

extension OCRContentHint: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "document": self = .document
        case "screenshot": self = .screenshot
        case "video-frame", "videoframe", "video": self = .videoFrame
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["document", "screenshot", "video-frame"] }
    public var defaultValueDescription: String { self == .videoFrame ? "video-frame" : rawValue }
}
