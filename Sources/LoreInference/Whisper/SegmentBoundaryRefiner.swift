import LoreCore

/// Moves Whisper's segment boundaries onto the pauses the audio actually has. Whisper glues
/// consecutive segments end to start and places a boundary up to a second from the pause
/// between two sentences; deep links and time-aligned chunks want the speech edges. Works from
/// pauses found by a fine voice-activity pass (no padding, short minimum silence):
/// - a boundary between two touching segments moves to the nearest pause within `reach`: the
///   first ends where the pause begins, the second starts where it ends;
/// - a start inside a pause moves to its end, an end inside a pause to its start;
/// - a segment lying wholly inside a pause (a hallucinated "You" over silence) is dropped.
struct SegmentBoundaryRefiner: Sendable {
    /// Non-speech stretches of the recording, sorted and non-overlapping.
    let pauses: [TimeRange]
    /// How far from Whisper's boundary a pause may be to be taken as the real one.
    var reach = 1.25

    /// The pauses between and around `speech` regions within `0…duration`.
    init(speech: [TimeRange], duration: Double, reach: Double = 1.25) {
        var pauses: [TimeRange] = []
        var cursor = 0.0
        for region in speech {
            if region.start > cursor { pauses.append(TimeRange(start: cursor, end: region.start)) }
            cursor = max(cursor, region.end)
        }
        if duration > cursor { pauses.append(TimeRange(start: cursor, end: duration)) }
        self.pauses = pauses
        self.reach = reach
    }

    func refine(_ segments: [TranscriptSegment]) -> [TranscriptSegment] {
        guard !pauses.isEmpty else { return segments }
        var result = segments
        // Touching boundaries: both sides move to the pause between the sentences.
        for index in result.indices.dropLast() where abs(result[index].end - result[index + 1].start) < 0.05 {
            let boundary = result[index].end
            guard let pause = nearestPause(to: boundary),
                  pause.start > result[index].start, pause.end < result[index + 1].end else { continue }
            result[index].end = pause.start
            result[index + 1].start = pause.end
        }
        // Edges inside a pause move out of it; segments with no speech left disappear.
        return result.compactMap { segment in
            var segment = segment
            if let pause = pause(containing: segment.start) { segment.start = pause.end }
            if let pause = pause(containing: segment.end) { segment.end = pause.start }
            return segment.end > segment.start ? segment : nil
        }
    }

    private func nearestPause(to time: Double) -> TimeRange? {
        pauses
            .map { pause in (pause, time < pause.start ? pause.start - time : time > pause.end ? time - pause.end : 0) }
            .filter { $0.1 <= reach }
            .min { $0.1 < $1.1 }?.0
    }

    /// The pause strictly containing `time` (its edges are speech edges, not inside it).
    private func pause(containing time: Double) -> TimeRange? {
        pauses.first { $0.start < time && time < $0.end }
    }
}
