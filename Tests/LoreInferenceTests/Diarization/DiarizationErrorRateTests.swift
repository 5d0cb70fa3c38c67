import Foundation
import Testing
import LoreCore
@testable import LoreInference

@Suite struct DiarizationErrorRateTests {
    private func turn(_ start: Double, _ end: Double, _ speaker: String) -> SpeakerTurn {
        SpeakerTurn(start: start, end: end, speaker: speaker)
    }

    @Test func perfectHypothesisWithOtherLabelsScoresZero() {
        let reference = [turn(0, 5, "alice"), turn(5, 9, "bob"), turn(9, 12, "alice")]
        let hypothesis = [turn(0, 5, "S2"), turn(5, 9, "S1"), turn(9, 12, "S2")]
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0)
        #expect(score.errorRate == 0)
        #expect(score.referenceSpeech == 12)
        #expect(score.mapping == ["S2": "alice", "S1": "bob"])
    }

    @Test func nothingFoundIsAllMissed() {
        let score = DiarizationErrorRate.score(reference: [turn(1, 4, "a")], hypothesis: [], collar: 0)
        #expect(score.missed == 3)
        #expect(score.errorRate == 1)
    }

    @Test func countsMissedFalseAlarmAndConfusionSeparately() {
        // Reference: a 0–4, b 4–8. Hypothesis: X 1–4 (1 s missed), X 4–6 (2 s confused), Y 6–10 (2 s false alarm).
        let reference = [turn(0, 4, "a"), turn(4, 8, "b")]
        let hypothesis = [turn(1, 4, "X"), turn(4, 6, "X"), turn(6, 10, "Y")]
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0)
        #expect(abs(score.missed - 1) < 1e-9)
        #expect(abs(score.confusion - 2) < 1e-9)
        #expect(abs(score.falseAlarm - 2) < 1e-9)
        #expect(abs(score.errorRate - 5.0 / 8.0) < 1e-9)
    }

    @Test func collarForgivesBoundaryErrors() {
        let reference = [turn(0, 4, "a"), turn(4, 8, "b")]
        let hypothesis = [turn(0.2, 4.2, "X"), turn(4.2, 7.8, "Y")]
        let strict = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0)
        #expect(strict.errorRate > 0)
        let forgiving = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0.25)
        #expect(forgiving.errorRate == 0)
        // Scored reference speech: 8 s minus ±0.25 s around 0, 4 (shared by both turns) and 8.
        #expect(abs(forgiving.referenceSpeech - (8 - 0.25 - 0.5 - 0.25)) < 1e-9)
    }

    @Test func overlappingReferenceSpeechCountsEachSpeaker() {
        let reference = [turn(0, 4, "a"), turn(2, 6, "b")]
        let hypothesis = [turn(0, 6, "X")]
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0)
        #expect(score.referenceSpeech == 8)
        // 2–4 has two speakers and one label: 2 s missed; X maps to one of a/b, the other's solo part is confused.
        #expect(abs(score.missed - 2) < 1e-9)
        #expect(abs(score.confusion - 2) < 1e-9)
    }

    @Test func findsTheBestMappingAmongThreeSpeakers() {
        let reference = [turn(0, 3, "a"), turn(3, 5, "b"), turn(5, 11, "c")]
        let hypothesis = [turn(0, 3, "S3"), turn(3, 5, "S1"), turn(5, 11, "S2")]
        let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: 0)
        #expect(score.errorRate == 0)
        #expect(score.mapping == ["S3": "a", "S1": "b", "S2": "c"])
    }

    /// Figures from pyannote.metrics 4.2.0 `DiarizationErrorRate(collar=2c, skip_overlap=False)`
    /// (its collar is the total width) on the same annotations.
    @Test func agreesWithPyannoteMetrics() {
        let reference = [turn(0.5, 3.2, "a"), turn(3.0, 6.1, "b"), turn(6.4, 9.9, "a"), turn(9.9, 12.0, "c"), turn(12.3, 15.0, "b")]
        let hypothesis = [turn(0.3, 3.6, "S1"), turn(3.6, 6.0, "S2"), turn(6.2, 8.0, "S1"), turn(8.0, 9.5, "S3"),
                          turn(9.5, 12.4, "S3"), turn(12.4, 14.0, "S2"), turn(14.0, 15.5, "S4")]
        let expected: [(collar: Double, total: Double, missed: Double, falseAlarm: Double, confusion: Double, rate: Double)] = [
            (0.25, 11.2, 0, 0.25, 2.55, 0.25000000000000006),
            (0.125, 12.45, 0, 0.55, 2.925, 0.279116465863454),
            (0, 14.1, 0.3, 1.2, 3.4, 0.34751773049645396),
        ]
        for item in expected {
            let score = DiarizationErrorRate.score(reference: reference, hypothesis: hypothesis, collar: item.collar)
            #expect(abs(score.referenceSpeech - item.total) < 1e-9)
            #expect(abs(score.missed - item.missed) < 1e-9)
            #expect(abs(score.falseAlarm - item.falseAlarm) < 1e-9)
            #expect(abs(score.confusion - item.confusion) < 1e-9)
            #expect(abs(score.errorRate - item.rate) < 1e-12)
        }
    }

    @Test func hungarianBeatsGreedyMapping() {
        // Greedy would pair (0,0) = 10 first and then (1,1) = 1: total 11. The optimum is 9 + 8 = 17.
        let assignment = OptimalAssignment.maximizing([[10, 9], [8, 1]])
        #expect(assignment == [1, 0])
        #expect(OptimalAssignment.maximizing([[1, 2, 3]]) == [2])
        #expect(OptimalAssignment.maximizing([[1], [5], [2]]) == [-1, 0, -1])
    }

    @Test func rttmRoundTripsAndRejectsMalformedLines() throws {
        let text = """
            ;; a comment
            SPEAKER sample 1 6.690 0.430 <NA> <NA> speaker90 <NA> <NA>
            SPEAKER sample 1 7.550 0.800 <NA> <NA> speaker91 <NA> <NA>
            SPEAKER other 1 1.000 2.000 <NA> <NA> x <NA> <NA>
            """
        let files = try RTTM.parse(text)
        #expect(files.map(\.file) == ["sample", "other"])
        #expect(files[0].turns == [SpeakerTurn(start: 6.69, end: 7.12, speaker: "speaker90"),
                                   SpeakerTurn(start: 7.55, end: 8.35, speaker: "speaker91")])
        let again = try RTTM.parse(RTTM.format(files[0].turns, file: "sample"))
        #expect(again.count == 1)
        for (a, b) in zip(again[0].turns, files[0].turns) {
            #expect(abs(a.start - b.start) < 1e-9 && abs(a.end - b.end) < 1e-9 && a.speaker == b.speaker)
        }
        #expect(throws: LoreError.self) { try RTTM.parse("SPEAKER f 1 abc 1.0 <NA> <NA> s <NA> <NA>") }
        #expect(throws: LoreError.self) { try RTTM.parse("SPEAKER f 1 1.0") }
    }
}
