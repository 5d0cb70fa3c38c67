import LoreCore

/// Gives each transcript segment the speaker who talks most during it (by overlap with the
/// diarizer's turns); segments no turn overlaps keep no speaker.
public enum SpeakerAttribution {
    public static func assign(_ turns: [SpeakerTurn], to segments: [TranscriptSegment]) -> [TranscriptSegment] {
        segments.map { segment in
            var overlap: [String: Double] = [:]
            for turn in turns where turn.end > segment.start && turn.start < segment.end {
                overlap[turn.speaker, default: 0] += min(turn.end, segment.end) - max(turn.start, segment.start)
            }
            var labelled = segment
            labelled.speaker = overlap.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? segment.speaker
            return labelled
        }
    }
}
