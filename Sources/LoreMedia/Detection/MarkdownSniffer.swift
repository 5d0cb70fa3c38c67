/// Tells Markdown from plain text. Plain prose can contain a `#` or a `- ` line, so a file is
/// Markdown only when Markdown's own constructs appear in numbers: at least two kinds among
/// ATX headings, setext underlines, fenced code, links/images, pipe-table separators,
/// emphasis and list items, or at least three headings.
enum MarkdownSniffer {
    static func looksLikeMarkdown(_ text: String) -> Bool {
        var kinds = Set<String>()
        var headings = 0
        var previousNonEmpty = false
        for line in text.prefix(64 << 10).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            // A hint needs only the start of a line; bounded lines keep the patterns cheap.
            let trimmed = line.drop { $0 == " " }.prefix(300)
            if trimmed.wholeMatch(of: /#{1,6}\s+\S.*/) != nil { kinds.insert("heading"); headings += 1 }
            if previousNonEmpty, trimmed.wholeMatch(of: /(=+|-{2,})\s*/) != nil { kinds.insert("setext") }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { kinds.insert("fence") }
            if trimmed.contains(/!?\[[^\]]+\]\([^)\s]+\)/) { kinds.insert("link") }
            if trimmed.wholeMatch(of: /\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*/) != nil { kinds.insert("table") }
            if trimmed.contains(/(\*\*|__)\S[^*_]*\S\1/) || trimmed.contains(/`[^`\s][^`]*`/) { kinds.insert("emphasis") }
            if trimmed.wholeMatch(of: /([-*+]|\d{1,3}[.)])\s+\S.*/) != nil { kinds.insert("list") }
            previousNonEmpty = !trimmed.isEmpty
        }
        return kinds.count >= 2 || headings >= 3
    }
}
