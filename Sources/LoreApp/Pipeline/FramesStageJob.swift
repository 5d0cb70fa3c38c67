import Foundation
import LoreCore
import LoreDatabase
import LoreJobs
import LoreMedia

/// `media.frames`: a video's key frames (adaptive rate plus scene cuts, near-identical frames
/// dropped) with thumbnails, and the text on screen (slides, screen shares) read by OCR and
/// merged into spans of unchanged text → one chunk per span, with its time range; with a vision
/// describer configured, the words describing distinct frames → one chunk per frame.
public struct FramesStageJob: JobHandler {
    public static let kind: JobKind = "media.frames"
    public static var policy: JobPolicy { JobPolicy(maxAttempts: 3, timeout: .seconds(3 * 3600), lease: .seconds(60)) }

    let dependencies: PipelineDependencies

    public init(dependencies: PipelineDependencies) { self.dependencies = dependencies }

    public func run(_ payload: MediaJobPayload, context: JobContext) async throws {
        let dependencies = self.dependencies
        try await MediaStageRunner(dependencies: dependencies).run(.frames, payload, context: context) { item, _ in
            let key = try BlobKey(item.blobKey)
            let analysis = VideoAnalysis(hasher: try dependencies.engines.hashing(), ocrEngine: try dependencies.engines.recognizing(),
                                         describer: dependencies.engines.describer)
            let result = try await dependencies.blobs.withLocalFile(key) { path in try await analysis.analyze(fileAt: path) }
            // Thumbnails beside the original (deleted with it).
            var rows: [TenantTransaction.FrameRow] = []
            for frame in result.frames {
                let thumbnail = try key.derived("thumbs/\(Int((frame.time * 1000).rounded())).jpg")
                try await dependencies.blobs.put(frame.thumbnailJPEG, as: thumbnail)
                rows.append(.init(time: frame.time, isSceneCut: frame.isSceneCut, dHash: frame.dHash, pHash: frame.pHash,
                                  thumbnailKey: thumbnail.rawValue, ocrText: nil, width: frame.width, height: frame.height,
                                  description: frame.description))
            }
            let spans = result.slideSpans.map {
                TenantTransaction.SlideSpanRow(start: $0.start, end: $0.end, text: $0.text, frameTime: $0.frameTime,
                                               wordsJSON: Self.json($0.words))
            }
            var drafts = ScreenTextChunker().chunks(spans: result.slideSpans.map {
                ScreenTextChunker.Span(start: $0.start, end: $0.end, text: $0.text, frameTime: $0.frameTime)
            })
            drafts += result.frames.compactMap { frame in
                frame.description.flatMap { $0.isEmpty ? nil : ChunkDraft(content: $0, kind: .description, startSeconds: frame.time,
                                                                          endSeconds: frame.time, frameTime: frame.time) }
            }
            let frameRows = rows
            return StageOutput(
                drafts: drafts, durationSeconds: result.probe.duration,
                details: ["frames": String(result.frames.count), "scene_cuts": String(result.frames.filter(\.isSceneCut).count),
                          "text_spans": String(result.slideSpans.count),
                          "descriptions": String(result.frames.filter { $0.description?.isEmpty == false }.count),
                          "warnings": String(result.warnings.count)]) { tx in
                try await tx.replaceFrames(media: item.id, frames: frameRows)
                try await tx.replaceSlideSpans(media: item.id, spans: spans)
            }
        }
    }

    static func json<T: Encodable>(_ value: T) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
