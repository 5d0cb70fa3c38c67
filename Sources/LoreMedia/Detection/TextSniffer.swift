import Foundation

/// Classifies a file with no binary signature: binary junk, subtitles, HTML, XML, Markdown or
/// plain text, from a decoded prefix of its content.
enum TextSniffer {
    enum Verdict: Equatable {
        case type(DetectedType)
        case binary
        case unsupported(contentType: String, what: String)
    }

    static func classify(_ prefix: [UInt8]) -> Verdict {
        let (encoding, bom) = TextDecoding.detect(prefix[...])
        if encoding == .utf8 || encoding == .windows1252, looksBinary(prefix.dropFirst(bom)) { return .binary }
        let text = TextDecoding.decode(prefix).text
        if controlRatio(text) > 0.05 { return .binary }
        let trimmed = text.drop { $0.isWhitespace }

        if trimmed.hasPrefix("WEBVTT"), trimmed.dropFirst(6).first.map({ $0 == " " || $0 == "\t" || $0.isNewline }) ?? true {
            return .type(.document(.webvtt, "text/vtt"))
        }
        if isSRT(trimmed) { return .type(.document(.srt, "application/x-subrip")) }
        if let markup = markupType(trimmed) { return markup }
        if MarkdownSniffer.looksLikeMarkdown(text) { return .type(.document(.markdown, "text/markdown")) }
        return .type(.document(.txt, "text/plain"))
    }

    /// NUL bytes (outside UTF-16) or many C0 control bytes mean binary data.
    private static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    private static func controlRatio(_ text: String) -> Double {
        var controls = 0, total = 0
        for scalar in text.unicodeScalars.prefix(8192) {
            total += 1
            let value = scalar.value
            if (value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(value)) || value == 0xFFFD { controls += 1 }
        }
        return total == 0 ? 0 : Double(controls) / Double(total)
    }

    /// A SubRip file opens with a cue number, then a `00:00:01,000 --> 00:00:04,000` line.
    private static func isSRT(_ text: Substring) -> Bool {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2, !lines[0].isEmpty, lines[0].allSatisfy(\.isASCIIDigit) else { return false }
        return lines[1].wholeMatch(of: /\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}.*/) != nil
    }

    /// WHATWG-style HTML sniffing on the first tag; XML by its declaration and root element.
    private static func markupType(_ text: Substring) -> Verdict? {
        guard text.hasPrefix("<") else { return nil }
        let head = String(text.prefix(1024)).lowercased()
        var rest = Substring(head)
        // Skip an XML declaration, comments and processing instructions to the first real tag.
        var isXML = false
        while true {
            if rest.hasPrefix("<?xml") { isXML = true }
            if rest.hasPrefix("<?"), let end = rest.range(of: "?>") {
                rest = rest[end.upperBound...].drop { $0.isWhitespace }
            } else if rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
                rest = rest[end.upperBound...].drop { $0.isWhitespace }
            } else { break }
        }
        if rest.hasPrefix("<!doctype html") { return .type(.document(.html, "text/html")) }
        if rest.hasPrefix("<!doctype svg") || rest.hasPrefix("<svg") {
            return .unsupported(contentType: "image/svg+xml", what: "an SVG drawing")
        }
        let htmlTags = ["html", "head", "body", "script", "iframe", "h1", "div", "font", "table", "a", "style",
                        "title", "b", "br", "p", "meta", "link", "section", "article", "main", "header", "nav", "ul", "span"]
        for tag in htmlTags where rest.hasPrefix("<" + tag) {
            let next = rest.dropFirst(tag.count + 1).first
            if next == nil || next == ">" || next == " " || next == "/" || next?.isNewline == true || next == "\t" {
                return .type(.document(.html, "text/html"))
            }
        }
        if isXML || rest.hasPrefix("<!doctype") {
            return .unsupported(contentType: "application/xml", what: "an XML file")
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
