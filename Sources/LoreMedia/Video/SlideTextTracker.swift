import Foundation
import LoreCore

/// Reads the text of key frames (OCR with the video-frame hint) and merges consecutive frames
/// showing the same text into `SlideSpan`s. Frames are given chunk by chunk, in time order,
/// one call at a time; `finish` closes the last span.
///
/// A frame whose hashes equal the last frame read is not read again: its text is the same.
/// The others are read concurrently, `options.concurrency` at a time.
public actor SlideTextTracker {
    public nonisolated let engine: any OCREngine
    public nonisolated let options: SlideTextOptions
    private var builder: SlideSpanBuilder
    private var lastRead: (hashes: PerceptualHashes, result: OCRResult)?
    /// Frames given to OCR, and frames whose text was taken from an identical earlier frame.
    public private(set) var framesRead = 0
    public private(set) var framesReused = 0

    public init(engine: any OCREngine, options: SlideTextOptions = SlideTextOptions()) {
        self.engine = engine
        self.options = options
        self.builder = SlideSpanBuilder(options: options)
    }

    /// Reads `frames` (their images must exist until this returns) and adds them to the spans.
    /// `progress` is called with the number of frames of this call finished so far.
    @discardableResult
    public func read(_ frames: [ExtractedFrame], progress: (@Sendable (Int) -> Void)? = nil) async throws -> [FrameReading] {
        // Which frames need OCR: each one unless its hashes equal the previous frame's.
        var sources: [Int] = []
        var sourceOf: [Int] = []
        for (position, frame) in frames.enumerated() {
            let previous = position > 0 ? frames[position - 1].keyFrame.hashes : lastRead?.hashes
            if let previous, Self.identical(previous, frame.keyFrame.hashes) {
                sourceOf.append(position > 0 ? sourceOf[position - 1] : -1)
            } else {
                sourceOf.append(position)
                sources.append(position)
            }
        }
        let results = try await recognize(sources.map { frames[$0] }, progress: progress)
        var byPosition: [Int: OCRResult] = [:]
        for (source, result) in zip(sources, results) { byPosition[source] = result }

        var readings: [FrameReading] = []
        for (position, frame) in frames.enumerated() {
            let source = sourceOf[position]
            guard let result = source >= 0 ? byPosition[source] : lastRead?.result else { continue }
            let reading = FrameReading(time: frame.keyFrame.time, result: result, width: frame.keyFrame.width,
                                       height: frame.keyFrame.height, reused: source != position)
            builder.add(reading)
            readings.append(reading)
            lastRead = (frame.keyFrame.hashes, result)
        }
        framesRead += sources.count
        framesReused += frames.count - sources.count
        return readings
    }

    /// Closes the last span at `end` (the video's end) and returns all spans.
    public func finish(at end: Double) -> [SlideSpan] {
        builder.finish(at: end)
    }

    private func recognize(_ frames: [ExtractedFrame], progress: (@Sendable (Int) -> Void)?) async throws -> [OCRResult] {
        let engine = self.engine
        let ocrOptions = OCROptions(languages: options.languages, hint: .videoFrame, detectOrientation: false)
        let width = max(1, options.concurrency)
        return try await withThrowingTaskGroup(of: (Int, OCRResult).self) { group in
            var results = [OCRResult?](repeating: nil, count: frames.count)
            var next = 0, done = 0
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
                done += 1
                progress?(done)
                if next < frames.count { launch(next); next += 1 }
            }
            return results.map { $0 ?? OCRResult(text: "", words: []) }
        }
    }

    static func identical(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        a.dHash == b.dHash && a.pHash == b.pHash
    }
}
