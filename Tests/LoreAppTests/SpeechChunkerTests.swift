import Foundation
import Testing
import LoreCore
@testable import LoreApp

@Suite struct SpeechChunkerTests {
    func segment(_ start: Double, _ end: Double, _ words: Int, speaker: String? = nil) -> TranscriptSegment {
        TranscriptSegment(start: start, end: end, text: Array(repeating: "word", count: words).joined(separator: " "), speaker: speaker)
    }

    @Test func neverCutsASegmentAndKeepsExactTimes() {
        let transcript = Transcript(language: "en", duration: 100, segments: (0..<20).map { segment(Double($0) * 5, Double($0) * 5 + 4.5, 30) },
                                    source: .model("test"))
        let chunks = SpeechChunker(minTokens: 60, targetTokens: 120).chunks(transcript)
        #expect(chunks.count > 1)
        #expect(chunks.first?.startSeconds == 0)
        #expect(chunks.last?.endSeconds == 99.5)
        // Every segment ends up in exactly one chunk, whole.
        #expect(chunks.map { $0.content.split(separator: " ").count }.reduce(0, +) == 20 * 30)
        for chunk in chunks {
            #expect((chunk.tokenCount ?? 0) <= 120)
            #expect(chunk.chunkingStrategy == "time_aligned")
            #expect(chunk.kind == .transcript)
        }
        // Consecutive chunks do not overlap.
        for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.endSeconds! <= b.startSeconds!) }
    }

    @Test func prefersSpeakerChangesAndPausesOnceLargeEnough() {
        let segments = [segment(0, 5, 50, speaker: "S1"), segment(5, 10, 50, speaker: "S1"),
                        segment(10, 15, 20, speaker: "S2"), segment(20, 25, 20, speaker: "S2"), segment(25, 30, 20, speaker: "S1")]
        let chunks = SpeechChunker(minTokens: 100, targetTokens: 400).chunks(Transcript(language: nil, duration: 30, segments: segments, source: .model("t")))
        #expect(chunks.count == 2)
        #expect(chunks[0].speakers == ["S1"])
        #expect(chunks[0].boundaryType == "speaker_change")
        #expect(chunks[1].speakers == ["S2", "S1"])
    }

    @Test func aLongSegmentStaysWhole() {
        let chunks = SpeechChunker(minTokens: 10, targetTokens: 20).chunks(
            Transcript(language: nil, duration: 10, segments: [segment(0, 10, 100)], source: .model("t")))
        #expect(chunks.count == 1)
        #expect(chunks[0].endSeconds == 10)
    }

    @Test func emptyTranscriptGivesNoChunks() {
        #expect(SpeechChunker().chunks(Transcript(language: nil, duration: 0, segments: [], source: .model("t"))).isEmpty)
        #expect(SpeechChunker().chunks(Transcript(language: nil, duration: 3, segments: [TranscriptSegment(start: 0, end: 3, text: "  ")], source: .model("t"))).isEmpty)
    }
}

@Suite struct ScreenTextChunkerTests {
    @Test func oneChunkPerSpanWithTimes() {
        let chunks = ScreenTextChunker().chunks(spans: [
            .init(start: 0, end: 12, text: "Quarterly  review\n\nRevenue   up", frameTime: 1),
            .init(start: 12, end: 30, text: "   ", frameTime: 13),
        ])
        #expect(chunks.count == 1)
        #expect(chunks[0].content == "Quarterly review\nRevenue up")
        #expect(chunks[0].startSeconds == 0 && chunks[0].endSeconds == 12 && chunks[0].frameTime == 1)
        #expect(chunks[0].kind == .ocr)
    }

    @Test func imageTextIsPackedByParagraph() {
        let text = (0..<10).map { "Paragraph \($0) " + String(repeating: "lorem ", count: 30) }.joined(separator: "\n\n")
        let chunks = ScreenTextChunker(targetTokens: 100).chunks(imageText: text)
        #expect(chunks.count >= 4)
        #expect(chunks.allSatisfy { ($0.tokenCount ?? 0) <= 100 || !$0.content.contains("\n") })
    }

    @Test func imageChunksCarryTheBoxesOfTheirWords() throws {
        func word(_ text: String, _ x: Double, _ y: Double) -> OCRWord {
            OCRWord(text: text, confidence: 90, box: BoundingBox(x: x, y: y, width: 40, height: 10))
        }
        let words = [word("ERR_CONN_RESET", 10, 20), word("while", 60, 20), word("saving", 110, 20),
                     word("Retry", 10, 300), word("later", 60, 300)]
        let chunks = ScreenTextChunker(targetTokens: 4).chunks(imageText: "ERR_CONN_RESET while saving\n\nRetry later", words: words)
        #expect(chunks.count == 2)
        #expect(chunks[0].bbox == BoundingBox(x: 10, y: 20, width: 140, height: 10))
        #expect(chunks[1].bbox == BoundingBox(x: 10, y: 300, width: 90, height: 10))
        let rows = try #require(JSONSerialization.jsonObject(with: Data((chunks[1].metadata["words"] ?? "").utf8)) as? [[Any]])
        #expect(rows.count == 2 && rows[0].last as? String == "Retry")
        // Words that do not line up with the text: no boxes rather than wrong ones.
        let misaligned = ScreenTextChunker().chunks(imageText: "one two three", words: [word("one", 0, 0)])
        #expect(misaligned.allSatisfy { $0.bbox == nil && $0.metadata["words"] == nil })
    }
}
