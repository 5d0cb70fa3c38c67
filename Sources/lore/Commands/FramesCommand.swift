import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreMedia

/// `lore frames VIDEO`: key frames (periodic + scene cuts), on-screen text spans, subtitle tracks.
struct FramesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Extract a video's key frames and scene cuts; with --ocr, its on-screen text as time spans.",
        discussion: """
            The video is probed with a hardened ffprobe (local containers only, no playlists or \
            external references), then decoded once per 2-minute chunk (reference frames only): a frame per second up to \
            1 min of video, one per 2 s up to 10 min, per 5 s up to 1 h, per 10 s beyond, plus scene \
            cuts (ffmpeg scene score); frames hashing near-identical to the last kept one are dropped. \
            With --ocr, kept frames are read with Tesseract (video-frame hint) and consecutive frames \
            with the same text become one span [start, end). Embedded text subtitle tracks are \
            listed (--json includes their WebVTT).
            JSON: {"probe", "frames": [{"time", "isSceneCut", "sceneScore", "dHash", "pHash", "width", \
            "height", "thumbnail"}], "slideSpans": [{"start", "end", "text", "words", "frameTime", …}], \
            "subtitles": [{"streamIndex", "codec", "language", "title", "webVTT"}], "seconds": {…}}
            """
    )

    @Argument(help: "The video file.")
    var video: String

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Flag(help: "Read the frames' text (OCR) and print on-screen text spans.")
    var ocr = false

    @Option(name: .customLong("lang"), help: "Tesseract languages for --ocr, joined with '+'.")
    var languages = "eng"

    @Option(help: "Write each kept frame's JPEG thumbnail into this folder.")
    var thumbnails: String?

    @Option(help: "Seconds between periodic samples (default: adaptive to the duration).")
    var interval: Double?

    @Option(name: .customLong("scene-threshold"), help: "ffmpeg scene score above which a frame is a scene cut.")
    var sceneThreshold = KeyFrameOptions().sceneThreshold

    struct FrameEntry: Codable {
        var time: Double
        var isSceneCut: Bool
        var sceneScore: Double
        var dHash: String
        var pHash: String
        var width: Int
        var height: Int
        var thumbnailWidth: Int
        var thumbnailHeight: Int
        var thumbnail: String?
    }

    struct Seconds: Codable {
        var frames: Double
        var text: Double
        var subtitles: Double
        var total: Double
    }

    struct Report: Codable {
        var probe: MediaProbeResult
        var frames: [FrameEntry]
        var slideSpans: [SlideSpan]?
        var subtitles: [SubtitleTrackText]
        var warnings: [String]
        var framesRead: Int?
        var framesReused: Int?
        var seconds: Seconds
    }

    func validate() throws {
        if let interval, !(interval > 0) { throw ValidationError("--interval must be positive") }
        guard (0...1).contains(sceneThreshold) else { throw ValidationError("--scene-threshold must be between 0 and 1") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let started = ContinuousClock.now
            var options = VideoAnalysisOptions()
            options.keyFrames.samplingInterval = interval
            options.keyFrames.sceneThreshold = sceneThreshold
            options.readsText = ocr
            options.slideText.languages = languages
            let engine = ocr ? try TesseractOCREngine() : nil
            let analysis = VideoAnalysis(hasher: PerceptualImageHasher(), ocrEngine: engine, options: options)
            let result = try await analysis.analyze(fileAt: video)
            let names = try writeThumbnails(result.frames)
            let elapsed = ContinuousClock.now - started
            let report = Report(
                probe: result.probe,
                frames: result.frames.enumerated().map { index, frame in
                    FrameEntry(time: frame.time, isSceneCut: frame.isSceneCut, sceneScore: frame.sceneScore,
                               dHash: hex(frame.dHash), pHash: hex(frame.pHash), width: frame.width, height: frame.height,
                               thumbnailWidth: frame.thumbnailWidth, thumbnailHeight: frame.thumbnailHeight,
                               thumbnail: names?[index])
                },
                slideSpans: ocr ? result.slideSpans : nil, subtitles: result.subtitles, warnings: result.warnings,
                framesRead: ocr ? result.framesRead : nil, framesReused: ocr ? result.framesReused : nil,
                seconds: Seconds(frames: result.frameSeconds, text: result.textSeconds, subtitles: result.subtitleSeconds,
                                 total: elapsed.seconds))
            print(json ? try jsonText(report) : text(report))
        }
    }

    /// Thumbnail file names (in --thumbnails), by frame index.
    private func writeThumbnails(_ frames: [KeyFrame]) throws -> [String]? {
        guard let thumbnails else { return nil }
        try FileManager.default.createDirectory(atPath: thumbnails, withIntermediateDirectories: true)
        return try frames.enumerated().map { index, frame in
            let name = String(format: "%05d-%09.3f.jpg", index, frame.time)
            try Data(frame.thumbnailJPEG).write(to: URL(fileURLWithPath: thumbnails).appendingPathComponent(name))
            return name
        }
    }

    private func text(_ report: Report) -> String {
        let probe = report.probe
        var lines: [String] = []
        let video = probe.primaryVideo.map { "\($0.codec) \($0.displayWidth)×\($0.displayHeight)" + ($0.frameRate.map { String(format: " %.2f fps", $0) } ?? "") } ?? "-"
        lines.append("\(probe.formatName), \(probe.duration.map { String(format: "%.2f s", $0) } ?? "unknown duration"), video \(video), "
            + "\(probe.audioStreams.count) audio, \(probe.subtitleStreams.count) subtitle stream(s)")
        lines.append("")
        var rows = [["time", "cut", "score", "dHash", "pHash", "size"]]
        for frame in report.frames {
            rows.append([String(format: "%.3f", frame.time), frame.isSceneCut ? "cut" : "", String(format: "%.4f", frame.sceneScore),
                         frame.dHash, frame.pHash, "\(frame.width)×\(frame.height)"])
        }
        lines.append(TextTable.render(rows))
        lines.append("\(report.frames.count) key frames, \(report.frames.filter(\.isSceneCut).count) scene cuts")
        if let spans = report.slideSpans {
            lines.append("")
            var spanRows = [["start", "end", "frames", "conf", "text"]]
            for span in spans {
                let firstLine = span.text.split(separator: "\n").first.map(String.init) ?? ""
                spanRows.append([String(format: "%.2f", span.start), String(format: "%.2f", span.end), String(span.frameCount),
                                 String(format: "%.0f", span.meanConfidence), String(firstLine.prefix(60))])
            }
            lines.append(TextTable.render(spanRows))
            lines.append("\(spans.count) text spans; \(report.framesRead ?? 0) frames read, \(report.framesReused ?? 0) reused")
        }
        for track in report.subtitles {
            let cues = track.webVTT.components(separatedBy: "-->").count - 1
            lines.append("subtitle stream \(track.streamIndex) (\(track.codec), \(track.language ?? "und")): \(cues) cues")
        }
        lines += report.warnings.map { "warning: \($0)" }
        lines.append(String(format: "seconds: frames %.2f, text %.2f, subtitles %.2f, total %.2f",
                            report.seconds.frames, report.seconds.text, report.seconds.subtitles, report.seconds.total))
        return lines.joined(separator: "\n")
    }
}
