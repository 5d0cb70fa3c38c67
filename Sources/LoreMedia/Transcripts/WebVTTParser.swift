import Foundation
import LoreCore

/// WebVTT (W3C) → `Transcript`, source `.provided(format: "webvtt")`.
///
/// Takes what meeting platforms and browsers write: a BOM, any line endings, cue identifiers,
/// cue settings after the end time, NOTE/STYLE/REGION blocks, styling tags, timestamps without
/// hours. Voice spans (`<v Alice>…`) become the segment's speaker; a `Language:` header line
/// becomes the transcript's language. Malformed timing is an `invalid_transcript` error naming
/// the line.
public struct WebVTTParser: Sendable {
    public init() {}

    public func parse(_ data: Data) throws -> Transcript {
        let lines = try SubtitleText.lines(of: data)
        guard let first = lines.first, first.hasPrefix("WEBVTT"),
              first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t" else {
            throw LoreError(.invalidTranscript, "not a WebVTT file: the first line must be 'WEBVTT'")
        }
        var language: String?
        var segments: [TranscriptSegment] = []
        var index = 1
        // header: lines up to the first blank one
        while index < lines.count, !isBlank(lines[index]) {
            if let value = headerValue(lines[index], key: "language") { language = value }
            index += 1
        }
        while index < lines.count {
            while index < lines.count, isBlank(lines[index]) { index += 1 }
            let blockStart = index
            while index < lines.count, !isBlank(lines[index]) { index += 1 }
            let block = Array(lines[blockStart..<index])
            guard let head = block.first else { continue }
            if head.hasPrefix("NOTE") || head.hasPrefix("STYLE") || head.hasPrefix("REGION") { continue }
            // an optional identifier line precedes the timing line
            guard let timingOffset = block.firstIndex(where: { $0.contains("-->") }), timingOffset <= 1 else {
                throw LoreError(.invalidTranscript, "line \(blockStart + 1): a cue needs a 'start --> end' line")
            }
            let times = try SubtitleText.cueTimes(block[timingOffset], lineNumber: blockStart + timingOffset + 1)
            let payload = Array(block[(timingOffset + 1)...])
            let speaker = voice(in: payload)
            let text = SubtitleText.plain(payload)
            guard !text.isEmpty else { continue }
            segments.append(TranscriptSegment(start: times.start, end: times.end, text: text, speaker: speaker))
        }
        return Transcript(
            language: language,
            duration: segments.map(\.end).max() ?? 0,
            segments: segments,
            source: .provided(format: ProvidedTranscriptFormat.webVTT.rawValue))
    }

    private func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    private func headerValue(_ line: Substring, key: String) -> String? {
        guard let colon = line.firstIndex(of: ":"), line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == key else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// The name in the first `<v Name>` or `<v.class Name>` span.
    private func voice(in payload: [Substring]) -> String? {
        for line in payload {
            guard let open = line.range(of: "<v"), let close = line[open.upperBound...].firstIndex(of: ">") else { continue }
            let inside = line[open.upperBound..<close]
            guard inside.first == " " || inside.first == "." || inside.first == "\t" else { continue }
            let afterClasses = inside.drop { $0 != " " && $0 != "\t" }
            let name = afterClasses.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        return nil
    }
}
