import LoreCore
@testable import LoreInference
import Testing

/// Whisper's boundaries moved onto the recording's pauses.
@Suite struct SegmentBoundaryRefinerTests {
    // Speech 0.6–7.7, 8.9–11.9, 13.1–18.4 in a 20 s recording.
    let refiner = SegmentBoundaryRefiner(
        speech: [TimeRange(start: 0.6, end: 7.7), TimeRange(start: 8.9, end: 11.9), TimeRange(start: 13.1, end: 18.4)], duration: 20)

    @Test func touchingBoundariesMoveToThePauseBetweenSentences() {
        let refined = refiner.refine([
            TranscriptSegment(start: 0.4, end: 9.4, text: "first"),
            TranscriptSegment(start: 9.4, end: 13.7, text: "second"),
            TranscriptSegment(start: 13.7, end: 19.0, text: "third"),
        ])
        #expect(refined.map(\.start) == [0.6, 8.9, 13.1])
        #expect(refined.map(\.end) == [7.7, 11.9, 18.4])
    }

    @Test func aBoundaryFarFromAnyPauseStays() {
        let refined = refiner.refine([
            TranscriptSegment(start: 0.6, end: 4.0, text: "half a sentence"),
            TranscriptSegment(start: 4.0, end: 7.7, text: "the other half"),
        ])
        #expect(refined.map(\.end) == [4.0, 7.7])
        #expect(refined.map(\.start) == [0.6, 4.0])
    }

    @Test func aSegmentOverSilenceIsDropped() {
        let refined = refiner.refine([
            TranscriptSegment(start: 8.9, end: 11.9, text: "speech"),
            TranscriptSegment(start: 12.1, end: 12.6, text: "You"),
        ])
        #expect(refined.map(\.text) == ["speech"])
    }

    @Test func aPauseOutsideBothSegmentsIsNotUsed() {
        // The nearest pause (7.7–8.9) lies before the first segment's start: nothing moves.
        let refined = refiner.refine([
            TranscriptSegment(start: 9.0, end: 9.5, text: "a"),
            TranscriptSegment(start: 9.5, end: 11.0, text: "b"),
        ])
        #expect(refined.map(\.start) == [9.0, 9.5])
    }

    @Test func noSpeechFoundLeavesSegmentsAsTheyAre() {
        let silent = SegmentBoundaryRefiner(speech: [], duration: 0)
        let segments = [TranscriptSegment(start: 1, end: 2, text: "x")]
        #expect(silent.refine(segments) == segments)
    }
}
