import Foundation
import LoreCore

/// SubRip (SRT) → `Transcript`, source `.provided(format: "srt")`.
///
/// Tolerates what real files contain: a BOM, Windows-1252 text, any line endings, missing or
/// wrong cue numbers, '.' instead of ',' before the milliseconds, missing hours, coordinates
/// after the end time, `<i>`/`<font>` tags and `{\an8}` overrides. Malformed timing is an
/// `invalid_transcript` error naming the line.
public struct SRTParser: Sendable {
    public init() {}

    public func parse(_ data: Data) throws -> Transcript {
        let lines = try SubtitleText.lines(of: data)
        var segments: [TranscriptSegment] = []
        var index = 0
        while index < lines.count {
            while index < lines.count, lines[index].allSatisfy(\.isWhitespace) { index += 1 }
            guard index < lines.count else { break }
            let blockStart = index
            while index < lines.count, !lines[index].allSatisfy(\.isWhitespace) { index += 1 }
            let block = Array(lines[blockStart..<index])
            // the cue number line is optional in practice; the timing line is not
            guard let timingOffset = block.firstIndex(where: { $0.contains("-->") }), timingOffset <= 1 else {
                throw LoreError(.invalidTranscript, "line \(blockStart + 1): a cue needs a 'start --> end' line")
            }
            if timingOffset == 1, !block[0].trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber) {
                throw LoreError(.invalidTranscript, "line \(blockStart + 1): expected a cue number, found text")
            }
            let times = try SubtitleText.cueTimes(block[timingOffset], lineNumber: blockStart + timingOffset + 1)
            let text = SubtitleText.plain(Array(block[(timingOffset + 1)...]))
            guard !text.isEmpty else { continue }
            segments.append(TranscriptSegment(start: times.start, end: times.end, text: text))
        }
        guard !segments.isEmpty else { throw LoreError(.invalidTranscript, "no cues found: not an SRT file") }
        return Transcript(
            language: nil,
            duration: segments.map(\.end).max() ?? 0,
            segments: segments,
            source: .provided(format: ProvidedTranscriptFormat.srt.rawValue))
    }
}
