/// Plain text: paragraphs are separated by blank lines; the lines of a paragraph are joined.
/// The encoding was decided on reading (`TextDecoding`: BOM, strict UTF-8, UTF-16, Windows-1252).
struct PlainTextParser {
    let limits: MediaLimits

    func parse(_ text: String) throws -> ParsedDocument {
        var builder = DocumentBuilder(limits: limits)
        var paragraph: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy(\.isWhitespace) {
                try builder.add(paragraph.joined(separator: " "), .paragraph)
                paragraph = []
            } else {
                paragraph.append(line)
            }
        }
        try builder.add(paragraph.joined(separator: " "), .paragraph)
        return builder.finish(.txt, contentType: "text/plain", title: nil, author: nil, language: nil, pageCount: nil)
    }
}
