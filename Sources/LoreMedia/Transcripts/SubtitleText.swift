import Foundation
import LoreCore

/// Text handling shared by the subtitle parsers: decoding, line splitting, timestamps, markup.
enum SubtitleText {
    /// UTF-8 (a byte-order mark is dropped), falling back to Windows-1252 for legacy SRT files;
    /// lines split on LF, CRLF or CR.
    static func lines(of data: Data) throws -> [Substring] {
        guard !data.isEmpty else { throw LoreError(.invalidTranscript, "the transcript is empty") }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .windowsCP1252) else {
            throw LoreError(.invalidTranscript, "the transcript is not text")
        }
        if text.contains("\0") { throw LoreError(.invalidTranscript, "the transcript contains binary data") }
        // Character-wise, "\r\n" is one grapheme, so one split handles all three conventions.
        return text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    /// `[hh:]mm:ss(.|,)fff` → seconds. Minutes and seconds must be below 60; hours may be absent.
    static func seconds(_ text: Substring, line: Int) throws -> Double {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { throw bad(text, line) }
        let fraction = parts[parts.count - 1].split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard fraction.count == 2, let whole = number(fraction[0], maxDigits: 2), whole < 60,
              !fraction[1].isEmpty, fraction[1].count <= 3, let millis = number(fraction[1], maxDigits: 3) else { throw bad(text, line) }
        guard let minutes = number(parts[parts.count - 2], maxDigits: 2), minutes < 60 else { throw bad(text, line) }
        var hours = 0
        if parts.count == 3 {
            guard let h = number(parts[0], maxDigits: 4) else { throw bad(text, line) }
            hours = h
        }
        let fractional = Double(millis) / pow(10, Double(fraction[1].count))
        return Double(hours * 3600 + minutes * 60 + whole) + fractional
    }

    /// "start --> end[ settings]" → the two times; the end must not precede the start.
    static func cueTimes(_ line: Substring, lineNumber: Int) throws -> TimeRange {
        guard let arrow = line.range(of: "-->") else { throw LoreError(.invalidTranscript, "line \(lineNumber): expected 'start --> end'") }
        let start = try seconds(line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)[...], line: lineNumber)
        let rest = line[arrow.upperBound...].drop { $0 == " " || $0 == "\t" }
        let endText = rest.prefix { $0 != " " && $0 != "\t" }
        let end = try seconds(endText, line: lineNumber)
        guard end >= start else {
            throw LoreError(.invalidTranscript, "line \(lineNumber): the cue ends (\(endText)) before it starts")
        }
        return TimeRange(start: start, end: end)
    }

    /// Cue payload → plain text: tags (`<i>`, `<c.red>`, `<00:01.000>`, `<font …>`) and ASS
    /// overrides (`{\an8}`) removed, entities decoded, lines joined, spaces collapsed.
    static func plain(_ lines: [Substring]) -> String {
        var text = lines.joined(separator: " ")
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "\\{\\\\[^}]*\\}", with: "", options: .regularExpression)
        for (entity, character) in entities { text = text.replacingOccurrences(of: entity, with: character) }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let entities: [(String, String)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&lrm;", ""), ("&rlm;", ""), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ]

    private static func number(_ text: Substring, maxDigits: Int) -> Int? {
        guard !text.isEmpty, text.count <= maxDigits, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func bad(_ text: Substring, _ line: Int) -> LoreError {
        LoreError(.invalidTranscript, "line \(line): '\(text.prefix(40))' is not a timestamp ([hh:]mm:ss.fff)")
    }
}
