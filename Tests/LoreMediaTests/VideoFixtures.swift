import Foundation
import LoreCore
import LoreInference
import LoreSystem

/// Videos made at test time with the real ffmpeg (drawtext with Debian's DejaVu font).
enum VideoFixtures {
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    struct Slide {
        var start: Double
        var end: Double
        var lines: [String]
    }

    /// 30 s: four slides; the third is the second plus a revealed bullet.
    static let deck: [Slide] = [
        Slide(start: 0, end: 7.3, lines: ["Quarterly Review", "Revenue grew twelve percent"]),
        Slide(start: 7.3, end: 15.6, lines: ["Roadmap Planning", "Ship the search engine"]),
        Slide(start: 15.6, end: 21.4, lines: ["Roadmap Planning", "Ship the search engine", "Hire two engineers"]),
        Slide(start: 21.4, end: 30, lines: ["Questions and Answers", "Thank you for listening"]),
    ]
    static let deckDuration = 30.0
    /// Times the on-screen text changes.
    static let deckChanges = [7.3, 15.6, 21.4]

    /// A folder for one test, removed by the caller.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-media-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func ffmpeg(_ arguments: [String]) async throws {
        let output = try await ProcessRunner.run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments,
                                                 limits: ProcessLimits(wallClock: .seconds(300)))
        guard output.succeeded else { throw LoreError(.processFailed, "ffmpeg could not make a fixture: \(output.standardError)") }
    }

    /// Slides drawn on white at `width` × `height`, `fps` frames per second, H.264 + a 440 Hz tone.
    static func slideVideo(at path: String, slides: [Slide] = deck, duration: Double = deckDuration,
                           width: Int = 1600, height: Int = 900, fps: Int = 10, extra: [String] = []) async throws {
        var filters: [String] = []
        for slide in slides {
            for (row, line) in slide.lines.enumerated() {
                let size = row == 0 ? height / 12 : height / 20
                let y = height / 10 + (row == 0 ? 0 : height / 8 + row * height / 10)
                filters.append("drawtext=fontfile=\(font):text='\(line)':x=\(width / 12):y=\(y):fontsize=\(size):fontcolor=black"
                    + ":enable='gte(t,\(slide.start))*lt(t,\(slide.end))'")
            }
        }
        try await ffmpeg([
            "-f", "lavfi", "-i", "color=c=white:s=\(width)x\(height):r=\(fps):d=\(duration)",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=\(duration)",
            "-vf", filters.joined(separator: ","),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        ] + extra + [path])
    }

    /// A SubRip file with two cues.
    static let subRip = """
        1
        00:00:01,000 --> 00:00:02,500
        Hello from the subtitles

        2
        00:00:03,000 --> 00:00:04,000
        Second cue

        """

    /// A 5 s test pattern with an embedded text subtitle track (`codec`: srt in MKV, mov_text in MP4).
    static func subtitledVideo(at path: String, in folder: URL, codec: String, language: String = "deu", title: String = "German") async throws {
        let srt = folder.appendingPathComponent("cues.srt")
        try Data(subRip.utf8).write(to: srt)
        try await ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=5",
            "-i", srt.path, "-map", "0:v", "-map", "1:s",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:s", codec,
            "-metadata:s:s:0", "language=\(language)", "-metadata:s:s:0", "title=\(title)", path,
        ])
    }

    /// Shared engines: models load once per test process.
    static let ocrEngine: TesseractOCREngine = {
        do { return try TesseractOCREngine(configuration: TesseractConfiguration(threads: 2)) } catch {
            fatalError("Tesseract is not installed (run scripts/setup): \(error)")
        }
    }()
    static let hasher = PerceptualImageHasher()
}

/// Files made once per test process and shared by the suites.
actor SharedFixtures {
    static let shared = SharedFixtures()
    private var deck: Task<String, any Error>?
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-media-shared-\(getpid())")

    /// The 1600 × 900 slide deck video (MP4), made by the first caller.
    func deckVideo() async throws -> String {
        if deck == nil {
            deck = Task {
                let folder = Self.folder
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                // Removed when the test process ends.
                atexit { try? FileManager.default.removeItem(at: SharedFixtures.folder) }
                let path = folder.appendingPathComponent("deck.mp4").path
                try await VideoFixtures.slideVideo(at: path)
                return path
            }
        }
        return try await deck!.value
    }
}
