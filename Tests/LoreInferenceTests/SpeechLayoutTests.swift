import Testing
import LoreCore
@testable import LoreInference

@Suite struct SpeechLayoutTests {
    let audio = AudioBuffer(samples: (0..<(20 * 16_000)).map { Float($0 % 100) / 1000 })

    @Test func packsRegionsWithGapsAndMapsTimesBack() {
        let layout = SpeechLayout(audio: audio, regions: [TimeRange(start: 2, end: 4), TimeRange(start: 10, end: 11)])
        #expect(layout.pieces.map(\.packedStart) == [0, 2.3])
        #expect(layout.samples.count == Int((2 + 0.3 + 1) * 16_000))
        #expect(layout.originalTime(0, isEnd: false) == 2)
        #expect(abs(layout.originalTime(1.5, isEnd: false) - 3.5) < 1e-9)
        #expect(abs(layout.originalTime(2.8, isEnd: true) - 10.5) < 1e-9)
        // inside the inserted gap: starts move forward, ends move back
        #expect(layout.originalTime(2.1, isEnd: false) == 10)
        #expect(layout.originalTime(2.1, isEnd: true) == 4)
        // past the end (padding): the last region's end
        #expect(layout.originalTime(9, isEnd: true) == 11)
    }

    @Test func padsShortSpeechToOneSecond() {
        let layout = SpeechLayout(audio: audio, regions: [TimeRange(start: 1, end: 1.2)])
        #expect(layout.samples.count == 16_000)
        #expect(layout.samples[3200...].allSatisfy { $0 == 0 })
    }

    @Test func emptyRegionsGiveAnEmptyLayout() {
        #expect(SpeechLayout(audio: audio, regions: []).isEmpty)
        #expect(SpeechLayout(audio: audio, regions: [TimeRange(start: 30, end: 40)]).isEmpty)
    }

    @Test func windowsRespectTheLimitAndSplitLongRegions() {
        let regions = [TimeRange(start: 0, end: 3), TimeRange(start: 4, end: 7), TimeRange(start: 8, end: 19.5)]
        let chunks = SpeechLayout.windows(of: regions, in: audio, maxSeconds: 5)
        for chunk in chunks {
            let length = chunk.reduce(0) { $0 + $1.duration } + Double(chunk.count - 1) * SpeechLayout.gapSeconds
            #expect(length <= 5 + 1e-9)
        }
        let covered = chunks.flatMap { $0 }.reduce(0) { $0 + $1.duration }
        #expect(abs(covered - (3 + 3 + 11.5)) < 1e-9)
    }

    @Test func cutsAtTheQuietestMoment() {
        var samples = [Float](repeating: 0.5, count: 10 * 16_000)
        for i in (8 * 16_000)..<(8 * 16_000 + 3200) { samples[i] = 0 }
        let cut = SpeechLayout.quietestMoment(in: AudioBuffer(samples: samples), from: 7, to: 9.5)
        #expect(cut > 8 && cut < 8.2)
    }
}

@Suite struct WhisperTranscriberHelperTests {
    @Test func segmentsBecomeMonotonicAndClamped() {
        let segments = [
            TranscriptSegment(start: 1, end: 3, text: "a"),
            TranscriptSegment(start: 2.5, end: 2, text: "b"),
            TranscriptSegment(start: 4, end: 12, text: "c"),
        ]
        let fixed = WhisperTranscriber.monotonic(segments, duration: 10)
        #expect(fixed.map(\.start) == [1, 3, 4])
        #expect(fixed.map(\.end) == [3, 3, 10])
    }

    @Test func shortAudioGetsAShortEncoderContext() {
        #expect(WhisperTranscriber.audioContext(forSeconds: 1) == 768)
        #expect(WhisperTranscriber.audioContext(forSeconds: 14) == 832)
        #expect(WhisperTranscriber.audioContext(forSeconds: 27) == 1500)
        #expect(WhisperTranscriber.audioContext(forSeconds: 29) == 0)
    }

    @Test func nonSpeechMarkersAreDropped() {
        #expect(WhisperTranscriber.cleaned(" [BLANK_AUDIO]") == "")
        #expect(WhisperTranscriber.cleaned("(music)") == "")
        #expect(WhisperTranscriber.cleaned(" Hello (loudly) there.") == "Hello (loudly) there.")
    }

    @Test func thePromptIsTheLastWords() {
        let segments = (0..<100).map { TranscriptSegment(start: Double($0), end: Double($0) + 1, text: "word\($0) again") }
        let prompt = WhisperTranscriber.promptTail(of: segments, characters: 200) ?? ""
        #expect(prompt.count <= 200 && prompt.count > 150)
        #expect(prompt.hasSuffix("word99 again"))
        #expect(WhisperTranscriber.promptTail(of: [], characters: 200) == nil)
        #expect(WhisperTranscriber.promptTail(of: segments, characters: 0) == nil)
    }
}

@Suite struct WordErrorRateTests {
    @Test func normalisesCasePunctuationNumbersAndAbbreviations() {
        #expect(TranscriptNormalizer.words("Go forward 10 meters.") == ["go", "forward", "ten", "meters"])
        #expect(TranscriptNormalizer.words("Mr. Dashwood's ill-disposed son & heir") == ["mister", "dashwood's", "ill", "disposed", "son", "and", "heir"])
        #expect(TranscriptNormalizer.spelled(1994) == ["one", "thousand", "nine", "hundred", "ninety", "four"])
    }

    @Test func countsSubstitutionsDeletionsAndInsertions() {
        let wer = WordErrorRate(reference: "the cat sat on the mat", hypothesis: "The cat sat on a mat today.")
        #expect(wer.errors == 2)
        #expect(wer.referenceWords == 6)
        #expect(WordErrorRate(reference: "a b c", hypothesis: "").errors == 3)
        #expect(WordErrorRate(reference: "", hypothesis: "").rate == 0)
        #expect((WordErrorRate(errors: 1, referenceWords: 10) + WordErrorRate(errors: 3, referenceWords: 10)).rate == 0.2)
    }
}
