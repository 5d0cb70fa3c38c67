import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreSystem

/// `lore bench ocr`: character error rate and speed on Tesseract's own test scans.
struct BenchOCRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "OCR benchmark: CER per file and ms per image on the Tesseract test scans.",
        discussion: """
            Reads images/ocr_tesseract_testing under --data (or --data itself): phototest.tif, \
            eurotext.tif (English, German, French, Spanish, Italian, Portuguese text) and three \
            rotated copies of phototest, against phototest.txt and eurotext.txt. CER = edit \
            distance / reference length after Unicode NFC and collapsing all whitespace to single \
            spaces; case, punctuation and accents count. Time: median of --repeat warm runs (the \
            first, cold run loads the models and is reported apart). The tesseract command-line \
            program, when installed, runs the same files side by side (default page segmentation, \
            no orientation detection, OMP_THREAD_LIMIT=1).
            When --data also holds video/composed_exact_reference, the frame in the middle of \
            each on-screen text segment of that video is read with the video-frame hint and \
            compared with onscreen_text_groundtruth.json (no goal; pages shown small in a 720p frame).
            """
    )

    @Option(help: "The data folder (containing images/ocr_tesseract_testing), or that folder itself.")
    var data: String

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Option(name: .customLong("repeat"), help: "Timed warm runs per image.")
    var repetitions: Int = 3

    @Flag(name: .customLong("no-cli"), help: "Skip the tesseract command-line comparison.")
    var noCLI = false

    struct Case: Codable {
        var file: String
        var reference: String
        var languages: String
        var goal: Double?
    }

    struct Row: Codable {
        var file: String
        var languages: String
        var rotation: Int
        var cer: Double
        var edits: Int
        var referenceLength: Int
        var goal: Double?
        var passed: Bool?
        var coldMilliseconds: Double
        var medianMilliseconds: Double
        var words: Int
        var meanWordConfidence: Double
        var cliCER: Double?
        var cliMilliseconds: Double?
    }

    struct FrameRow: Codable {
        var time: Double
        var source: String
        var cer: Double
        var milliseconds: Double
    }

    struct Segment: Codable {
        var start: Double
        var end: Double
        var image_source: String
        var onscreen_text: String
    }

    struct Report: Codable {
        var benchmark = "ocr"
        var dataset: String
        var tesseractVersion: String
        var normalisation = "Unicode NFC; whitespace runs collapsed to one space; case, punctuation and accents kept"
        var rows: [Row]
        var videoFrames: [FrameRow]?
        var allGoalsMet: Bool
    }

    static let europeanLanguages = "eng+deu+fra+spa+ita+por"
    static let cases = [
        Case(file: "phototest.tif", reference: "phototest.txt", languages: "eng", goal: 0.01),
        Case(file: "eurotext.tif", reference: "eurotext.txt", languages: europeanLanguages, goal: 0.03),
        Case(file: "eurotext.tif", reference: "eurotext.txt", languages: "eng", goal: nil),
        Case(file: "phototest-rotated-180.png", reference: "phototest.txt", languages: "eng", goal: 0.02),
        Case(file: "phototest-rotated-L.png", reference: "phototest.txt", languages: "eng", goal: 0.02),
        Case(file: "phototest-rotated-R.png", reference: "phototest.txt", languages: "eng", goal: 0.02),
    ]

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let folder = try Self.datasetFolder(data)
            let engine = try TesseractOCREngine(configuration: TesseractConfiguration(threads: 1))
            let loader = ImageFileLoader()
            let runCLI = !noCLI && (try? ProcessRunner.resolve("tesseract")) != nil
            var rows: [Row] = []
            for item in Self.cases {
                let imagePath = (folder as NSString).appendingPathComponent(item.file)
                let reference = try String(contentsOfFile: (folder as NSString).appendingPathComponent(item.reference), encoding: .utf8)
                let languages = try engine.tessdata.validate(languages: item.languages)
                let image = try await loader.load(fileAt: imagePath)
                let options = OCROptions(languages: languages, hint: .document, detectOrientation: true)

                var clock = ContinuousClock.now
                var result = try await engine.recognize(image, options: options)
                let cold = milliseconds(ContinuousClock.now - clock)
                var times: [Double] = []
                for _ in 0..<repetitions {
                    clock = ContinuousClock.now
                    result = try await engine.recognize(image, options: options)
                    times.append(milliseconds(ContinuousClock.now - clock))
                }
                let measured = CharacterErrorRate.measure(hypothesis: result.text, reference: reference)
                var row = Row(file: item.file, languages: languages, rotation: result.rotation, cer: measured.rate,
                              edits: measured.edits, referenceLength: measured.referenceLength, goal: item.goal,
                              passed: item.goal.map { measured.rate <= $0 }, coldMilliseconds: cold,
                              medianMilliseconds: times.sorted()[times.count / 2], words: result.words.count,
                              meanWordConfidence: result.words.isEmpty ? 0 : result.words.map(\.confidence).reduce(0, +) / Double(result.words.count))
                if runCLI {
                    let started = ContinuousClock.now
                    // One OpenMP thread, as Lore's engine effectively runs on a busy machine (see OpenMPThreads).
                    let output = try await ProcessRunner.run("tesseract", [imagePath, "-", "-l", languages],
                                                             environment: ["OMP_THREAD_LIMIT": "1"],
                                                             limits: ProcessLimits(wallClock: .seconds(120)))
                    row.cliMilliseconds = milliseconds(ContinuousClock.now - started)
                    if output.succeeded {
                        row.cliCER = CharacterErrorRate.measure(hypothesis: output.standardOutputText, reference: reference).rate
                    }
                }
                rows.append(row)
            }
            let frames = try await videoFrames(engine, loader)
            let report = Report(dataset: folder, tesseractVersion: TesseractOCREngine.libraryVersion, rows: rows,
                                videoFrames: frames, allGoalsMet: rows.allSatisfy { $0.passed ?? true })
            print(table(report, showCLI: runCLI))
            if let json { try writeJSON(report, to: json) }
        }
    }

    /// The middle frame of each on-screen text segment of the composed reference video, if present.
    private func videoFrames(_ engine: TesseractOCREngine, _ loader: ImageFileLoader) async throws -> [FrameRow]? {
        let folder = (data as NSString).appendingPathComponent("video/composed_exact_reference")
        let truth = (folder as NSString).appendingPathComponent("onscreen_text_groundtruth.json")
        let video = (folder as NSString).appendingPathComponent("composed_speech_onscreen_text.mp4")
        guard let json = FileManager.default.contents(atPath: truth), FileManager.default.fileExists(atPath: video) else { return nil }
        let segments = try JSONDecoder().decode([Segment].self, from: json)
        let languages = try engine.tessdata.validate(languages: Self.europeanLanguages)
        var rows: [FrameRow] = []
        for segment in segments {
            let time = (segment.start + segment.end) / 2
            let frame = try await loader.load(fileAt: video, time: time)
            let started = ContinuousClock.now
            let result = try await engine.recognize(frame, options: OCROptions(languages: languages, hint: .videoFrame))
            rows.append(FrameRow(time: time, source: (segment.image_source as NSString).lastPathComponent,
                                 cer: CharacterErrorRate.measure(hypothesis: result.text, reference: segment.onscreen_text).rate,
                                 milliseconds: milliseconds(ContinuousClock.now - started)))
        }
        return rows
    }

    static func datasetFolder(_ data: String) throws -> String {
        let nested = (data as NSString).appendingPathComponent("images/ocr_tesseract_testing")
        for candidate in [nested, data] where FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("phototest.tif")) {
            return candidate
        }
        throw LoreError(.notFound, "no phototest.tif in \(data) or \(nested)")
    }

    private func table(_ report: Report, showCLI: Bool) -> String {
        var header = ["file", "languages", "rotation", "CER", "goal", "pass", "ms (warm median)", "ms (cold)", "words"]
        if showCLI { header += ["tesseract CLI CER", "CLI ms"] }
        var rows = [header]
        for row in report.rows {
            var cells = [row.file, row.languages, "\(row.rotation)°", percent(row.cer), row.goal.map { "≤ " + percent($0) } ?? "-",
                         row.passed.map { $0 ? "yes" : "NO" } ?? "-", String(format: "%.0f", row.medianMilliseconds),
                         String(format: "%.0f", row.coldMilliseconds), String(row.words)]
            if showCLI { cells += [row.cliCER.map(percent) ?? "failed", row.cliMilliseconds.map { String(format: "%.0f", $0) } ?? "-"] }
            rows.append(cells)
        }
        var text = "OCR benchmark — Tesseract \(report.tesseractVersion), \(report.dataset)\n" + TextTable.render(rows)
        if let frames = report.videoFrames {
            var frameRows = [["video frame at", "page shown", "CER", "ms"]]
            for frame in frames {
                frameRows.append([String(format: "%.2f s", frame.time), frame.source, percent(frame.cer), String(format: "%.0f", frame.milliseconds)])
            }
            text += "\n\nvideo frames (hint video-frame, \(Self.europeanLanguages)):\n" + TextTable.render(frameRows)
        }
        return text + "\nall goals met: \(report.allGoalsMet ? "yes" : "NO")"
    }
}

func milliseconds(_ duration: Duration) -> Double {
    duration.milliseconds
}

func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
