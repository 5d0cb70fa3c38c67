import LoreCore
import LoreMedia

/// Time-aligned chunks of whole transcript segments: a segment is never cut, so every chunk has
/// exact start and end times (and the speakers in it) for a deep link to the moment it was said.
///
/// Chunks grow to `targetTokens`; past `minTokens` they also end early at a natural break — a
/// change of speaker or a pause — so a chunk tends to hold one speaker's thought.
public struct SpeechChunker: Sendable {
    public var minTokens: Int
    public var targetTokens: Int
    /// A gap between segments at least this long counts as a pause.
    public var pauseSeconds: Double
    public var tokenCount: @Sendable (String) -> Int

    public init(minTokens: Int = 120, targetTokens: Int = 240, pauseSeconds: Double = 2.0,
                tokenCount: @escaping @Sendable (String) -> Int = TokenEstimator.estimate) {
        self.minTokens = minTokens
        self.targetTokens = targetTokens
        self.pauseSeconds = pauseSeconds
        self.tokenCount = tokenCount
    }

    public func chunks(_ transcript: Transcript) -> [ChunkDraft] {
        var drafts: [ChunkDraft] = []
        var current: [TranscriptSegment] = []
        var tokens = 0

        func close(_ boundary: String) {
            guard let first = current.first, let last = current.last else { return }
            let text = current.map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty {
                var speakers: [String] = []
                for speaker in current.compactMap(\.speaker) where !speakers.contains(speaker) { speakers.append(speaker) }
                drafts.append(ChunkDraft(
                    content: text, kind: .transcript, startSeconds: first.start, endSeconds: last.end, speakers: speakers,
                    language: transcript.language, tokenCount: tokens, chunkingStrategy: "time_aligned",
                    structureType: "speech", boundaryType: boundary))
            }
            current = []
            tokens = 0
        }

        for segment in transcript.segments {
            let segmentTokens = tokenCount(segment.text)
            if let previous = current.last {
                let speakerChange = segment.speaker != nil && segment.speaker != previous.speaker
                let pause = segment.start - previous.end >= pauseSeconds
                if tokens + segmentTokens > targetTokens && tokens > 0 {
                    close(speakerChange ? "speaker_change" : pause ? "pause" : "size_limit")
                } else if tokens >= minTokens && (speakerChange || pause) {
                    close(speakerChange ? "speaker_change" : "pause")
                }
            }
            current.append(segment)
            tokens += segmentTokens
        }
        close("end")
        return drafts
    }
}
