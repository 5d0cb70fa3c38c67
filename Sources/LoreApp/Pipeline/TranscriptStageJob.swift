import Foundation
import LoreCore
import LoreDatabase
import LoreJobs
import LoreMedia

/// `media.transcript`: speech of an audio or video item → transcript with timestamps, language
/// and speakers → time-aligned chunks. A transcript that came with the media (a sidecar
/// `.vtt`/`.srt` stored as `<key>.d/transcript.vtt|srt`) is used as-is and marked provided, and
/// so is a WebVTT/SRT file uploaded on its own. A video without an audio track has no transcript
/// (the stage succeeds with nothing).
public struct TranscriptStageJob: JobHandler {
    public static let kind: JobKind = "media.transcript"
    public static var policy: JobPolicy { JobPolicy(maxAttempts: 3, timeout: .seconds(3 * 3600), lease: .seconds(60)) }

    let dependencies: PipelineDependencies

    public init(dependencies: PipelineDependencies) { self.dependencies = dependencies }

    public func run(_ payload: MediaJobPayload, context: JobContext) async throws {
        let dependencies = self.dependencies
        try await MediaStageRunner(dependencies: dependencies).run(.transcript, payload, context: context) { item, _ in
            let key = try BlobKey(item.blobKey)
            if let format = ProvidedTranscriptFormat(contentType: item.contentType) {
                // The item is a transcript file: its cues are the timeline.
                let transcript = try await dependencies.blobs.withLocalFile(key) { path in try format.parseFile(at: path) }
                return Self.output(transcript, media: item.id, durationSeconds: transcript.segments.map(\.end).max())
            }
            var transcript = try await Self.providedTranscript(for: key, blobs: dependencies.blobs)
            let audio = try await dependencies.blobs.withLocalFile(key) { path -> AudioBuffer? in
                guard item.kind == .video else { return try await AudioDecoder().decode(fileAt: path) }
                let probe = try await MediaProbe().probe(fileAt: path)
                if transcript == nil { transcript = try await Self.embeddedSubtitles(fileAt: path, probe: probe) }
                // A screen recording without sound has nothing to transcribe: not a failure.
                return probe.hasAudio ? try await AudioDecoder().decode(fileAt: path) : nil
            }
            guard let audio else {
                if let transcript { return Self.output(transcript, media: item.id, durationSeconds: nil) }
                return StageOutput(drafts: [], details: ["audio": "none"])
            }
            if transcript == nil {
                transcript = try await dependencies.engines.transcribing().transcribe(audio, options: TranscriptionOptions())
            }
            guard var result = transcript else { throw LoreError(.internalError, "no transcript") }
            // Speakers: only when the transcript does not name them already.
            if !result.segments.isEmpty, result.segments.allSatisfy({ $0.speaker == nil }) {
                let regions = result.segments.map { TimeRange(start: $0.start, end: $0.end) }
                let turns = try await dependencies.engines.diarizing().diarize(audio, speech: regions, speakerCount: nil)
                result.segments = SpeakerAttribution.assign(turns, to: result.segments)
            }
            return Self.output(result, media: item.id, durationSeconds: audio.duration)
        }
    }

    /// Time-aligned chunks of a finished transcript, and the transcript saved with them.
    static func output(_ transcript: Transcript, media: MediaID, durationSeconds: Double?) -> StageOutput {
        let speakers = Set(transcript.segments.compactMap(\.speaker)).count
        return StageOutput(
            drafts: SpeechChunker().chunks(transcript), language: transcript.language, durationSeconds: durationSeconds,
            details: ["segments": String(transcript.segments.count), "speakers": String(speakers),
                      "source": describe(transcript.source)]) { tx in
            try await tx.saveTranscript(media: media, transcript)
        }
    }

    /// A sidecar transcript stored with the media, parsed.
    static func providedTranscript(for key: BlobKey, blobs: any BlobStore) async throws -> Transcript? {
        for format in ["vtt", "srt"] {
            let sidecar = try key.derived("transcript.\(format)")
            guard try await blobs.size(of: sidecar) != nil else { continue }
            return try await blobs.withLocalFile(sidecar) { path in try ProvidedTranscriptFormat.parseFile(at: path) }
        }
        return nil
    }

    /// The first text subtitle track of a video, as a provided transcript.
    static func embeddedSubtitles(fileAt path: String, probe: MediaProbeResult) async throws -> Transcript? {
        guard let stream = probe.subtitleStreams.first(where: \.isText) else { return nil }
        let track = try await SubtitleExtractor().extract(stream, fileAt: path, probe: probe)
        var transcript = try ProvidedTranscriptFormat.webVTT.parse(Data(track.webVTT.utf8))
        guard !transcript.segments.isEmpty else { return nil }
        transcript.source = .provided(format: "embedded \(track.codec)")
        if transcript.language == nil { transcript.language = track.language }
        return transcript
    }

    static func describe(_ source: TranscriptSource) -> String {
        switch source {
        case .model(let name): return name
        case .provided(let format): return "provided \(format)"
        }
    }
}
