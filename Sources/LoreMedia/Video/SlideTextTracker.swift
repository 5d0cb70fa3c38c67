import Foundation
import LoreCore

/// Reads the text of key frames (OCR with the video-frame hint) and merges consecutive frames
/// showing the same text into `SlideSpan`s. Frames are given chunk by chunk, in time order,
/// one call at a time; `finish` closes the last span.
///
/// Not every frame is read:
/// - a frame whose hashes equal the previous frame's has its text;
/// - frames are grouped into scenes (each a near-duplicate of the one before by
///   `options.textlessScene`, within `options.maxTextlessReuse` of the scene's first frame);
///   the first frame of every scene is read, and the others only when it showed text. A
///   camera picture without text thus costs one OCR per scene, a slide deck one per slide.
/// Frames are read concurrently, `options.concurrency` at a time.
public actor SlideTextTracker {
    public nonisolated let engine: any OCREngine
    public nonisolated let options: SlideTextOptions
    private var builder: SlideSpanBuilder
    private var previous: Previous?
    /// Frames given to OCR, and frames whose text was taken from another frame.
    public private(set) var framesRead = 0
    public private(set) var framesReused = 0

    /// The last frame of the previous call, for scenes that continue across chunks.
    private struct Previous {
        var hashes: PerceptualHashes
        var result: OCRResult
        var sceneStart: Double
        var sceneHasText: Bool
    }

    /// How a frame gets its text.
    private enum Plan {
        /// Same hashes as the frame before.
        case sameAsPrevious
        /// First frame of scene `scene`: always read.
        case leader(scene: Int)
        /// Later frame of scene `scene` (-1: the previous call's scene); read only if the scene shows text.
        case member(scene: Int)
    }

    public init(engine: any OCREngine, options: SlideTextOptions = SlideTextOptions()) {
        self.engine = engine
        self.options = options
        self.builder = SlideSpanBuilder(options: options)
    }

    /// Reads `frames` (their images must exist until this returns) and adds them to the spans.
    /// `progress` is called with the number of frames of this call read so far.
    @discardableResult
    public func read(_ frames: [ExtractedFrame], progress: (@Sendable (Int) -> Void)? = nil) async throws -> [FrameReading] {
        guard !frames.isEmpty else { return [] }
        let plans = plan(frames)
        var results = [OCRResult?](repeating: nil, count: frames.count)
        let counter = ProgressCounter(report: progress)

        // Scene leaders first; then the other frames of scenes that show text.
        let leaders = plans.indices.filter { if case .leader = plans[$0] { return true } else { return false } }
        for (position, result) in zip(leaders, try await recognize(leaders.map { frames[$0] }, counter: counter)) {
            results[position] = result
        }
        var sceneHasText: [Int: Bool] = [-1: previous?.sceneHasText ?? false]
        for position in leaders {
            if case .leader(let scene) = plans[position], let result = results[position] {
                sceneHasText[scene] = builder.showsText(result)
            }
        }
        let members = plans.indices.filter {
            if case .member(let scene) = plans[$0] { return sceneHasText[scene] == true } else { return false }
        }
        for (position, result) in zip(members, try await recognize(members.map { frames[$0] }, counter: counter)) {
            results[position] = result
        }
        framesRead += leaders.count + members.count
        framesReused += frames.count - leaders.count - members.count
        let read = Set(leaders + members)

        // Everything else takes the text of the frame before it (same picture, or same textless scene).
        var readings: [FrameReading] = []
        var sceneStart = previous?.sceneStart ?? frames[0].keyFrame.time
        var currentScene = -1
        for (position, frame) in frames.enumerated() {
            if case .leader(let scene) = plans[position] {
                currentScene = scene
                sceneStart = frame.keyFrame.time
            }
            let inherited = position > 0 ? results[position - 1] : previous?.result
            guard let result = results[position] ?? inherited else { continue }
            results[position] = result
            let reading = FrameReading(time: frame.keyFrame.time, result: result, width: frame.keyFrame.width,
                                       height: frame.keyFrame.height, reused: !read.contains(position))
            builder.add(reading)
            readings.append(reading)
            previous = Previous(hashes: frame.keyFrame.hashes, result: result, sceneStart: sceneStart,
                                sceneHasText: sceneHasText[currentScene] ?? false)
        }
        return readings
    }

    /// Closes the last span at `end` (the video's end) and returns all spans.
    public func finish(at end: Double) -> [SlideSpan] {
        builder.finish(at: end)
    }

    private func plan(_ frames: [ExtractedFrame]) -> [Plan] {
        var plans: [Plan] = []
        var lastHashes = previous?.hashes
        var sceneStart = previous?.sceneStart ?? -Double.infinity
        // A scene without text may continue from the previous call.
        var scene = -1, nextScene = 0
        var sceneOpen = previous.map { !$0.sceneHasText } ?? false
        for frame in frames {
            let hashes = frame.keyFrame.hashes, time = frame.keyFrame.time
            defer { lastHashes = hashes }
            if let lastHashes, Self.identical(lastHashes, hashes) {
                plans.append(.sameAsPrevious)
                continue
            }
            if sceneOpen, let lastHashes, options.textlessScene.matchesConsecutiveFrames(lastHashes, hashes),
               time - sceneStart < options.maxTextlessReuse {
                plans.append(.member(scene: scene))
                continue
            }
            scene = nextScene
            nextScene += 1
            sceneStart = time
            sceneOpen = true
            plans.append(.leader(scene: scene))
        }
        return plans
    }

    private func recognize(_ frames: [ExtractedFrame], counter: ProgressCounter) async throws -> [OCRResult] {
        guard !frames.isEmpty else { return [] }
        let engine = self.engine
        let ocrOptions = OCROptions(languages: options.languages, hint: .videoFrame, detectOrientation: false)
        let width = max(1, options.concurrency)
        return try await withThrowingTaskGroup(of: (Int, OCRResult).self) { group in
            var results = [OCRResult?](repeating: nil, count: frames.count)
            var next = 0
            func launch(_ index: Int) {
                let path = frames[index].imagePath
                group.addTask {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw LoreError(.internalError, "a key frame image disappeared before OCR")
                    }
                    return (index, try await engine.recognize(EncodedImage(bytes: [UInt8](data)), options: ocrOptions))
                }
            }
            while next < min(width, frames.count) { launch(next); next += 1 }
            while let (index, result) = try await group.next() {
                results[index] = result
                counter.increment()
                if next < frames.count { launch(next); next += 1 }
            }
            return results.map { $0 ?? OCRResult(text: "", words: []) }
        }
    }

    static func identical(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        a.dHash == b.dHash && a.pHash == b.pHash
    }
}

/// Counts finished reads across the phases of one `read` call.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let report: (@Sendable (Int) -> Void)?

    init(report: (@Sendable (Int) -> Void)?) { self.report = report }

    func increment() {
        let value = lock.withLock { done += 1; return done }
        report?(value)
    }
}
