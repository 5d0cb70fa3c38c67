import Foundation

/// Markdown (CommonMark and GitHub tables): ATX (`#`) and setext (`===`/`---`) headings,
/// bulleted and numbered list items with their nesting, fenced and indented code blocks, pipe
/// tables as `DocumentTable`s, block quotes as paragraphs; YAML front matter gives the title.
/// Inline markup is reduced to its text (`MarkdownInline`).
struct MarkdownParser {
    let limits: MediaLimits

    func parse(_ source: String, contentType: String = "text/markdown") throws -> ParsedDocument {
        var lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var builder = DocumentBuilder(limits: limits)
        let patterns = Patterns()
        var title = Self.frontMatterTitle(&lines)
        var index = 0
        var paragraph: [String] = []
        var previousBlank = true
        // Indents of the open list levels, outermost first: nesting follows indentation steps.
        var listIndents: [Int] = []

        func flushParagraph() throws {
            guard !paragraph.isEmpty else { return }
            try builder.add(MarkdownInline.plainText(paragraph.joined(separator: " ")), .paragraph)
            paragraph = []
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
            defer { previousBlank = trimmed.isEmpty }

            if trimmed.isEmpty {
                try flushParagraph()
                index += 1
                continue
            }
            // Fenced code
            if indent < 4, let fence = trimmed.prefixMatch(of: patterns.fence)?.1 {
                try flushParagraph()
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(String(fence)) {
                    code.append(lines[index])
                    index += 1
                }
                index += 1
                try builder.add(code.joined(separator: "\n"), .code)
                continue
            }
            // Indented code (not inside a paragraph)
            if indent >= 4, paragraph.isEmpty, previousBlank {
                var code: [String] = []
                while index < lines.count {
                    let next = lines[index]
                    let blank = next.allSatisfy(\.isWhitespace)
                    let nextIndent = next.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
                    guard blank || nextIndent >= 4 else { break }
                    code.append(blank ? "" : String(next.dropFirst(min(4, next.prefix { $0 == " " }.count))))
                    index += 1
                }
                try builder.add(code.joined(separator: "\n"), .code)
                continue
            }
            // ATX heading
            if indent < 4, let (level, content) = Self.atxHeading(trimmed) {
                try flushParagraph()
                let text = MarkdownInline.plainText(content)
                if title == nil, level == 1 { title = text }
                try builder.add(text, .heading(level: level))
                index += 1
                continue
            }
            // Setext underline closes the paragraph above as a heading.
            if !paragraph.isEmpty, indent < 4, let match = trimmed.wholeMatch(of: patterns.setextUnderline) {
                let level = match.1.first == "=" ? 1 : 2
                let text = MarkdownInline.plainText(paragraph.joined(separator: " "))
                paragraph = []
                if title == nil, level == 1 { title = text }
                try builder.add(text, .heading(level: level))
                index += 1
                continue
            }
            // Thematic break
            if trimmed.wholeMatch(of: patterns.thematicBreak) != nil {
                try flushParagraph()
                index += 1
                continue
            }
            // Pipe table: a header row, then a separator row.
            if trimmed.contains("|"), index + 1 < lines.count, Self.isTableSeparator(lines[index + 1], patterns) {
                try flushParagraph()
                var rows = [Self.cells(trimmed)]
                index += 2
                while index < lines.count, lines[index].contains("|"), !lines[index].allSatisfy(\.isWhitespace) {
                    rows.append(Self.cells(lines[index]))
                    index += 1
                }
                try builder.addTable(rows.map { $0.map(MarkdownInline.plainText) })
                continue
            }
            // List item (continuation lines indented under it are joined)
            if let match = line.wholeMatch(of: patterns.listItem) {
                try flushParagraph()
                let itemIndent = match.1.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
                while let last = listIndents.last, last > itemIndent { listIndents.removeLast() }
                if listIndents.last != itemIndent { listIndents.append(itemIndent) }
                let level = listIndents.count - 1
                var text = String(match.2)
                index += 1
                while index < lines.count {
                    let next = lines[index]
                    let nextTrimmed = next.trimmingCharacters(in: .whitespaces)
                    guard !nextTrimmed.isEmpty, next.first == " " || next.first == "\t",
                          next.wholeMatch(of: patterns.listItemStart) == nil else { break }
                    text += " " + nextTrimmed
                    index += 1
                }
                let item = text.replacing(patterns.taskBox) { _ in "" } // task-list checkboxes
                try builder.add(MarkdownInline.plainText(item), .listItem(level: min(level, 8)))
                continue
            }
            listIndents = []
            // Block quote, reference definitions, plain paragraph text
            if trimmed.wholeMatch(of: patterns.referenceDefinition) != nil {
                index += 1
                continue
            }
            paragraph.append(trimmed.hasPrefix(">") ? trimmed.replacing(patterns.quoteMarkers) { _ in "" } : trimmed)
            index += 1
        }
        try flushParagraph()
        return builder.finish(.markdown, contentType: contentType, title: title, author: nil, language: nil, pageCount: nil)
    }

    /// `# Title #` → (1, "Title"): one to six `#`, then a space or the end; closing `#`s dropped.
    static func atxHeading(_ line: String) -> (Int, String)? {
        let level = line.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        var rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest.removeLast() }
        let closing = rest.reversed().prefix { $0 == "#" }.count
        if closing > 0, closing == rest.count || rest.dropLast(closing).last == " " {
            rest = rest.dropLast(closing)
            while rest.last == " " { rest.removeLast() }
        }
        return (level, String(rest))
    }

    private static func isTableSeparator(_ line: String, _ patterns: Patterns) -> Bool {
        line.trimmingCharacters(in: .whitespaces).wholeMatch(of: patterns.tableSeparator) != nil
            || line.trimmingCharacters(in: .whitespaces).wholeMatch(of: patterns.singleColumnSeparator) != nil
    }

    /// Cells of a pipe-table row; `\|` is a literal bar.
    static func cells(_ line: String) -> [String] {
        var row = line.trimmingCharacters(in: .whitespaces)
        if row.hasPrefix("|") { row.removeFirst() }
        if row.hasSuffix("|"), !row.hasSuffix("\\|") { row.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "|" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(character)
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// Removes YAML front matter (`---` … `---` at the top) and returns its `title:`.
    static func frontMatterTitle(_ lines: inout [String]) -> String? {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().prefix(200).firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
        let header = lines[1..<end]
        lines.removeSubrange(0...end)
        guard let line = header.first(where: { $0.hasPrefix("title:") }) else { return nil }
        let value = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}

/// The line patterns, built once per document: a regex literal inside a loop is rebuilt on
/// every pass, and `Regex` is not `Sendable`, so it cannot be a shared static.
private struct Patterns {
    let fence = /(`{3,}|~{3,})/
    let setextUnderline = /(=+|-+)/
    let thematicBreak = /([-*_])(\s*\1){2,}/
    let listItem = /(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)/
    let listItemStart = /\s*(?:[-*+]|\d{1,9}[.)])\s+.*/
    let taskBox = /^\[[ xX]\]\s+/
    let referenceDefinition = /\[[^\]]+\]:\s+\S+.*/
    let quoteMarkers = /^(>\s?)+/
    let tableSeparator = /\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)+\|?/
    let singleColumnSeparator = /\|\s*:?-{1,}:?\s*\|/
}
