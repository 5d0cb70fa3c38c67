import Foundation
import Testing
import LoreCore
import LoreInference
@testable import LoreMedia

@Suite struct SlideSpanBuilderTests {
    private func reading(_ time: Double, _ text: String, confidence: Double = 90) -> FrameReading {
        let words = text.split(whereSeparator: \.isWhitespace).enumerated().map { index, word in
            OCRWord(text: String(word), confidence: confidence, box: BoundingBox(x: Double(index) * 50, y: 10, width: 40, height: 20))
        }
        return FrameReading(time: time, result: OCRResult(text: text, words: words), width: 1280, height: 720)
    }

    @Test func mergesTheSameTextAndSplitsOnChange() {
        var builder = SlideSpanBuilder()
        builder.add(reading(0, "Quarterly Review\nRevenue grew twelve percent"))
        builder.add(reading(2, "Quarterly Review Revenue grew twelve percent"))      // layout differs only
        builder.add(reading(4, "Quarterly Revlew\nRevenue grew twelve percent", confidence: 95)) // OCR noise, better read
        builder.add(reading(6, "Roadmap Planning\nShip the search engine"))
        let spans = builder.finish(at: 10)
        #expect(spans.count == 2)
        #expect(spans[0].start == 0 && spans[0].end == 6 && spans[0].frameCount == 3)
        // The representative frame is the one whose words carry the most confidence.
        #expect(spans[0].frameTime == 4 && spans[0].text.hasPrefix("Quarterly Revlew"))
        #expect(spans[1].start == 6 && spans[1].end == 10)
        #expect(spans[1].words.count == 6)
    }

    @Test func framesWithoutTextEndTheSpan() {
        var builder = SlideSpanBuilder()
        builder.add(reading(0, "Agenda for today"))
        builder.add(reading(3, ""))                                 // blank screen
        builder.add(reading(5, "| ~", confidence: 20))              // a face: stray marks
        builder.add(reading(8, "Agenda for today"))
        let spans = builder.finish(at: 9)
        #expect(spans.map(\.start) == [0, 8])
        #expect(spans.map(\.end) == [3, 9])
    }

    @Test func aRevealedBulletStartsANewSpan() {
        var builder = SlideSpanBuilder()
        builder.add(reading(0, "Roadmap Planning\nShip the search engine"))
        builder.add(reading(5, "Roadmap Planning\nShip the search engine\nHire two engineers"))
        let spans = builder.finish(at: 7)
        #expect(spans.count == 2)
        #expect(spans[0].end == 5)
    }

    @Test func normalisedDistanceIsDocumentedScale() {
        #expect(EditDistance.normalized(Array("kitten"), Array("sitting")) == 3.0 / 7.0)
        #expect(EditDistance.normalized([Character](), []) == 0)
        #expect(EditDistance.levenshtein(Array("flaw"), Array("lawn")) == 2)
    }
}

@Suite struct VideoAnalysisTests {
    private func analysis(describer: any VisionDescriber = DisabledVisionDescriber(), work: URL,
                          configure: (inout VideoAnalysisOptions) -> Void = { _ in }) -> VideoAnalysis {
        var options = VideoAnalysisOptions()
        options.keyFrames.workDirectory = work.path
        configure(&options)
        return VideoAnalysis(hasher: VideoFixtures.hasher, ocrEngine: VideoFixtures.ocrEngine, describer: describer, options: options)
    }

    @Test func slideTextBecomesTimedSpans() async throws {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let progress = ProgressRecorder()
        let result = try await analysis(work: work).analyze(fileAt: try await SharedFixtures.shared.deckVideo()) { progress.add($0) }
        let spans = result.slideSpans
        #expect(spans.count == VideoFixtures.deck.count, "\(spans.map { ($0.start, $0.end, $0.text) })")
        for (span, slide) in zip(spans, VideoFixtures.deck) {
            #expect(abs(span.start - slide.start) <= 0.5, "span starts at \(span.start), slide at \(slide.start)")
            #expect(abs(span.end - slide.end) <= 0.5, "span ends at \(span.end), slide at \(slide.end)")
            let words = Set(span.text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
            for line in slide.lines {
                for word in line.lowercased().split(separator: " ") { #expect(words.contains(String(word)), "\(word) missing in \(span.text)") }
            }
            // Word boxes lie inside the representative frame.
            #expect(!span.words.isEmpty)
            for word in span.words {
                #expect(word.box.x >= 0 && word.box.y >= 0)
                #expect(word.box.x + word.box.width <= Double(span.frameWidth) + 1 && word.box.y + word.box.height <= Double(span.frameHeight) + 1)
            }
            #expect(span.frameTime >= span.start && span.frameTime < span.end)
        }
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end == $1.start })
        #expect(result.framesRead == result.frames.count - result.framesReused)
        #expect(result.subtitles.isEmpty && result.warnings.isEmpty)
        #expect(result.frames.allSatisfy { $0.description == nil })
        let stages = Set(progress.events.map(\.stage))
        #expect(stages.isSuperset(of: [.probing, .frames, .text, .finished]))
        let framesDone = progress.events.filter { $0.stage == .frames }.map(\.completed)
        #expect(framesDone == framesDone.sorted() && framesDone.last == VideoFixtures.deckDuration)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
    }

    @Test func framesWithIdenticalHashesAreNotReadTwice() async throws {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        // A short drop run keeps a frame every 2 s of an unchanged slide: same picture, same hashes.
        let result = try await analysis(work: work) { $0.keyFrames.maxDropRun = 2 }
            .analyze(fileAt: try await SharedFixtures.shared.deckVideo())
        #expect(result.framesReused > 0)
        #expect(result.framesRead + result.framesReused == result.frames.count)
        #expect(result.slideSpans.count == VideoFixtures.deck.count)
    }

    @Test func embeddedSubtitlesComeBackAsWebVTT() async throws {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        for (container, codec) in [("mkv", "srt"), ("mp4", "mov_text")] {
            let path = work.appendingPathComponent("subtitled.\(container)").path
            try await VideoFixtures.subtitledVideo(at: path, in: work, codec: codec, language: "fra", title: "Français")
            let result = try await analysis(work: work) { $0.readsText = false }.analyze(fileAt: path)
            let track = try #require(result.subtitles.first)
            #expect(track.language == "fra")
            #expect(track.webVTT.hasPrefix("WEBVTT"))
            #expect(track.webVTT.contains("00:01.000 --> 00:02.500"))
            #expect(track.webVTT.contains("Hello from the subtitles"))
            #expect(track.webVTT.contains("Second cue"))
            #expect(result.slideSpans.isEmpty)
            try FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func visionDescriberDescribesDistinctFramesOnly() async throws {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let describer = RecordingDescriber(failAt: 2)
        let result = try await analysis(describer: describer, work: work) {
            $0.readsText = false
            $0.maxDescribedFrames = 3
        }.analyze(fileAt: try await SharedFixtures.shared.deckVideo())
        let calls = await describer.calls
        #expect(calls.count == 3)
        #expect(calls.allSatisfy { $0.prompt == VisionPrompt.frame && $0.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) })
        // The second call failed: a warning, no description, the analysis goes on.
        #expect(result.frames.compactMap(\.description).count == 2)
        #expect(result.warnings.count == 1)
        #expect(!DisabledVisionDescriber().isEnabled && describer.isEnabled)
    }

    @Test func cancellationStopsTheWorkAndLeavesNothingBehind() async throws {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let path = try await SharedFixtures.shared.deckVideo()
        let started = AsyncFlag()
        let task = Task {
            try await analysis(work: work) { $0.keyFrames.chunkDuration = 5 }.analyze(fileAt: path) { event in
                if event.stage == .frames { started.set() }
            }
        }
        while !started.isSet { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
        // The engines still work.
        let result = try await analysis(work: work) { $0.readsText = false }.analyze(fileAt: path)
        #expect(!result.frames.isEmpty)
    }
}

/// A describer for the facade's logic: records calls, fails the `failAt`-th (1-based).
actor RecordingDescriber: VisionDescriber {
    struct Call: Sendable {
        var bytes: [UInt8]
        var prompt: String
    }
    private(set) var calls: [Call] = []
    let failAt: Int

    init(failAt: Int) { self.failAt = failAt }

    func describe(image: EncodedImage, prompt: String) async throws -> String {
        calls.append(Call(bytes: Array(image.bytes.prefix(8)), prompt: prompt))
        if calls.count == failAt { throw LoreError(.upstreamError, "the vision model is unavailable") }
        return "a slide with dark text on white (call \(calls.count))"
    }
}

/// Thread-safe event log for progress callbacks.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [VideoAnalysisProgress] = []
    func add(_ event: VideoAnalysisProgress) { lock.withLock { stored.append(event) } }
    var events: [VideoAnalysisProgress] { lock.withLock { stored } }
}

final class AsyncFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// The tracker's choice of frames to read, with an OCR engine that reads the file's words
/// (each test frame is a small text file) and counts calls.
@Suite struct SlideTextTrackerPlanTests {
    actor WordReader: OCREngine {
        private(set) var calls = 0
        nonisolated func recognize(_ image: EncodedImage, options: OCROptions) async throws -> OCRResult {
            await count()
            let text = String(decoding: image.bytes, as: UTF8.self)
            let words = text.split(separator: " ").map {
                OCRWord(text: String($0), confidence: 90, box: BoundingBox(x: 0, y: 0, width: 10, height: 10))
            }
            return OCRResult(text: text, words: words)
        }
        private func count() { calls += 1 }
    }

    /// A frame at `time` whose "picture" shows `text`, with hashes `dHash`/`pHash`.
    private func frame(_ time: Double, _ text: String, dHash: UInt64, pHash: UInt64, in folder: URL) throws -> ExtractedFrame {
        let path = folder.appendingPathComponent("\(time).txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let key = KeyFrame(time: time, isSceneCut: false, sceneScore: 0,
                           hashes: PerceptualHashes(dHash: dHash, pHash: pHash, lowTexture: false),
                           thumbnailJPEG: [], thumbnailWidth: 0, thumbnailHeight: 0, width: 1280, height: 720)
        return ExtractedFrame(index: Int(time), keyFrame: key, imagePath: path)
    }

    @Test func aCameraSceneWithoutTextIsReadOncePerScene() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = WordReader()
        let tracker = SlideTextTracker(engine: engine)
        // A drifting camera picture (each frame a few bits from the last), then a slide, then its
        // bullet reveal (near-duplicate hashes, new text), then the camera again after 40 s.
        var frames: [ExtractedFrame] = []
        for step in 0..<5 {
            frames.append(try frame(Double(step * 2), "", dHash: 0xFF00 << step, pHash: 0xF0F0 << step, in: folder))
        }
        frames.append(try frame(10, "Roadmap Planning", dHash: 0x1234_5678_9ABC_DEF0, pHash: 0x0FED_CBA9_8765_4321, in: folder))
        frames.append(try frame(12, "Roadmap Planning Hire two engineers", dHash: 0x1234_5678_9ABC_DEF1, pHash: 0x0FED_CBA9_8765_4323, in: folder))
        try await tracker.read(frames)
        // One read for the camera scene, two for the slide and its reveal.
        #expect(await engine.calls == 3)
        #expect(await tracker.framesReused == 4)

        // The next chunk continues the textless scene only while it is textless and young.
        let later = [
            try frame(14, "Roadmap Planning Hire two engineers", dHash: 0x1234_5678_9ABC_DEF1, pHash: 0x0FED_CBA9_8765_4323, in: folder),
            try frame(16, "", dHash: 0xFF00, pHash: 0xF0F0, in: folder),
            try frame(18, "", dHash: 0xFF01, pHash: 0xF0F1, in: folder),
            try frame(60, "", dHash: 0xFF03, pHash: 0xF0F3, in: folder),
        ]
        let readings = try await tracker.read(later)
        // 14: same picture as 12 (reused); 16: a new scene (read); 18: same scene (reused);
        // 60: the scene is older than 30 s (read again).
        #expect(await engine.calls == 5)
        #expect(readings.map(\.reused) == [true, false, true, false])
        let spans = await tracker.finish(at: 70)
        #expect(spans.map(\.start) == [10, 12])
        #expect(spans.map(\.end) == [12, 16])
    }
}
