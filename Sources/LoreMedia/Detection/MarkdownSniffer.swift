/// Tells Markdown from plain text. Plain prose can contain a `#` or a `- ` line, so a file is
/// Markdown only when Markdown's own constructs appear in numbers: at least two kinds among
/// ATX headings, setext underlines, fenced code, links/images, pipe-table separators,
/// emphasis and list items, or at least three headings.
enum MarkdownSniffer {

    static func looksLikeMarkdown(_ text: String) -> Bool {
        // Built once per call: a regex literal in a loop is rebuilt on every pass.
        let heading = /#{1,6}\s+\S.*/
        let setext = /(=+|-{2,})\s*/
        let link = /!?\[[^\]]+\]\([^)\s]+\)/
        let tableSeparator = /\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*/
        let strong = /(\*\*|__)\S[^*_]*\S\1/
        let codeSpan = /`[^`\s][^`]*`/
        let listItem = /([-*+]|\d{1,3}[.)])\s+\S.*/
        var kinds = Set<String>()
        var headings = 0
        var previousNonEmpty = false
        for line in text.prefix(64 << 10).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            // A hint needs only the start of a line; bounded lines keep the patterns cheap.
            let trimmed = line.drop { $0 == " " }.prefix(300)
            if trimmed.wholeMatch(of: heading) != nil { kinds.insert("heading"); headings += 1 }
            if previousNonEmpty, trimmed.wholeMatch(of: setext) != nil { kinds.insert("setext") }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { kinds.insert("fence") }
            if trimmed.contains(link) { kinds.insert("link") }
            if trimmed.wholeMatch(of: tableSeparator) != nil { kinds.insert("table") }
            if trimmed.contains(strong) || trimmed.contains(codeSpan) { kinds.insert("emphasis") }
            if trimmed.wholeMatch(of: listItem) != nil { kinds.insert("list") }
            previousNonEmpty = !trimmed.isEmpty
        }
        return kinds.count >= 2 || headings >= 3
    }
}
