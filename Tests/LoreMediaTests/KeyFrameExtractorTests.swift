import Foundation
import Testing
import LoreCore
import LoreInference
@testable import LoreMedia

@Suite struct KeyFrameExtractorTests {
    /// Extracts key frames of `path` with `options`, in a private work folder that must be empty afterwards.
    private func extract(_ path: String, options: KeyFrameOptions = KeyFrameOptions(),
                         handleChunk: KeyFrameExtractor.ChunkHandler? = nil) async throws -> [KeyFrame] {
        let work = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        var options = options
        options.workDirectory = work.path
        let probe = try await MediaProbe().probe(fileAt: path)
        let frames = try await KeyFrameExtractor(hasher: VideoFixtures.hasher, options: options)
            .extract(fileAt: path, probe: probe, handleChunk: handleChunk)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty, "chunk folders must be removed")
        return frames
    }

    @Test func adaptiveRateFollowsTheSeed() {
        #expect(KeyFrameOptions.samplingInterval(forDuration: 47.7) == 1)
        #expect(KeyFrameOptions.samplingInterval(forDuration: 60) == 1)
        #expect(KeyFrameOptions.samplingInterval(forDuration: 600) == 2)
        #expect(KeyFrameOptions.samplingInterval(forDuration: 3600) == 5)
        #expect(KeyFrameOptions.samplingInterval(forDuration: 4 * 3600) == 10)
        // Periodic samples are spread out to fit half of maxFrames.
        var options = KeyFrameOptions()
        options.maxFrames = 100
        #expect(options.effectiveInterval(forDuration: 3600) == 72)
    }

    @Test func selectionLogIsParsed() {
        let log = """
            frame:0    pts:23      pts_time:0.023
            lavfi.scene_score=0.000000
            frame:7    pts:81353   pts_time:6.353
            lavfi.scene_score=0.296272

            """
        let picked = FrameSelection.parse(log: log)
        #expect(picked == [FrameSelection.Picked(time: 0.023, sceneScore: 0), FrameSelection.Picked(time: 6.353, sceneScore: 0.296272)])
        let expression = FrameSelection(interval: 2, sceneThreshold: 0.006, minimumCutSpacing: 0.5, maxCuts: 10).expression
        #expect(expression.contains("gt(scene,0.006000)") && expression.contains("gte(t-prev_selected_t,2.000000)"))
    }

    @Test func slideChangesAreSceneCutsAndStaticSlidesAreDropped() async throws {
        let frames = try await extract(try await SharedFixtures.shared.deckVideo())
        // 1 fps on a 30 s video would be 30 frames; unchanged slides collapse to one frame each.
        #expect(frames.count >= 4 && frames.count <= 8, "\(frames.map(\.time))")
        #expect(frames.first.map { $0.time < 0.2 } == true)
        for change in VideoFixtures.deckChanges {
            let cut = frames.first { abs($0.time - change) <= 0.5 }
            #expect(cut?.isSceneCut == true, "no scene cut near \(change) s: \(frames.map { ($0.time, $0.sceneScore) })")
        }
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $0.time < $1.time })
        for frame in frames {
            // 1600 × 900 is decoded at most 1280 on the longest side; thumbnails at most 320.
            #expect(frame.width == 1280 && frame.height == 720)
            #expect(frame.thumbnailWidth == 320 && frame.thumbnailHeight == 180)
            #expect(frame.thumbnailJPEG.starts(with: [0xFF, 0xD8]))
            let decoded = try ImageDecoder().header(of: EncodedImage(bytes: frame.thumbnailJPEG))
            #expect(decoded.width == 320 && decoded.height == 180)
        }
    }

    @Test func chunkedDecodingFindsTheSameFrames() async throws {
        let path = try await SharedFixtures.shared.deckVideo()
        let whole = try await extract(path)
        var options = KeyFrameOptions()
        options.chunkDuration = 10
        let chunks = ChunkRecorder()
        let chunked = try await extract(path, options: options) { frames in
            // The full-size images exist while the handler runs.
            for frame in frames { #expect(FileManager.default.fileExists(atPath: frame.imagePath)) }
            await chunks.add(frames.map(\.index))
        }
        #expect(await chunks.count == 3)
        #expect(await chunks.indices == Array(chunked.indices))
        // Cuts are found at the same moments; chunk starts add at most a periodic frame each.
        let wholeCuts = whole.filter(\.isSceneCut).map(\.time)
        let chunkedCuts = chunked.filter(\.isSceneCut).map(\.time)
        #expect(wholeCuts.count == chunkedCuts.count)
        for (a, b) in zip(wholeCuts, chunkedCuts) { #expect(abs(a - b) < 0.05) }
    }

    @Test func unchangedPicturesAreStillSampledAfterTheDropRun() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("static.mp4").path
        try await VideoFixtures.slideVideo(at: path, slides: [VideoFixtures.Slide(start: 0, end: 25, lines: ["Nothing changes here"])],
                                           duration: 25, width: 640, height: 360)
        var options = KeyFrameOptions()
        options.maxDropRun = 10
        let frames = try await extract(path, options: options)
        #expect(frames.count == 3, "\(frames.map(\.time))")
        #expect(frames.allSatisfy { !$0.isSceneCut })
        #expect(frames.map { Int($0.time.rounded()) } == [0, 10, 20])
    }

    @Test func frameCountIsBounded() async throws {
        var options = KeyFrameOptions()
        options.maxFrames = 10
        // Nothing is near-identical: every periodic sample is kept.
        options.nearIdentical = NearDuplicateRule(maxDHashDistance: -1, maxPHashDistance: -1,
                                                  maxCanonicalDHashDistance: -1, maxCanonicalPHashDistance: -1)
        let frames = try await extract(try await SharedFixtures.shared.deckVideo(), options: options)
        // Half the budget for periodic samples (every 30 s / 5 = 6 s), the rest for cuts.
        #expect(frames.count >= 5 && frames.count <= 10, "\(frames.map(\.time))")
        #expect(frames.filter { !$0.isSceneCut }.map { Int($0.time.rounded()) }.starts(with: [0, 6]))
    }

    @Test func portraitAndSmallVideosKeepTheirShape() async throws {
        let folder = try VideoFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("portrait.mkv").path
        try await VideoFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=180x320:rate=5:duration=3", "-c:v", "libx264",
                                        "-preset", "ultrafast", "-pix_fmt", "yuv420p", path])
        let frames = try await extract(path)
        let first = try #require(frames.first)
        // Smaller than both limits: never enlarged.
        #expect(first.width == 180 && first.height == 320)
        #expect(first.thumbnailWidth == 180 && first.thumbnailHeight == 320)
    }
}

/// Collects what a chunk handler saw (the handler is `@Sendable`).
actor ChunkRecorder {
    private(set) var indices: [Int] = []
    private(set) var count = 0
    func add(_ chunk: [Int]) {
        indices += chunk
        count += 1
    }
}
