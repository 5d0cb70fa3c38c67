/// Splits text into sentences for chunkers.
///
/// A sentence ends at `.`, `!`, `?`, `…` (and runs of them) followed by optional closing
/// quotes or brackets, then white space, then something that can start a sentence (not a
/// lower-case letter). It does not end after a known abbreviation (`Dr.`, `e.g.`, `z.B.`, …) or
/// a single capital initial (`J. Smith`). Decimals (`3.14`), URLs and e-mail addresses
/// (`example.com/a.b`) have no space after their dots, so they never split. CJK full stops and
/// marks (`。！？`) end a sentence without a following space. A blank line always ends one.
public struct SentenceSplitter: Sendable {
    /// Lower-cased abbreviations without their final dot.
    public var abbreviations: Set<String>

    public static let defaultAbbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "rev", "gen", "gov", "sen", "rep", "hon", "capt", "col", "lt", "sgt",
        "inc", "ltd", "co", "corp", "llc", "plc", "gmbh", "dept", "univ", "assn", "bros",
        "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "viz", "resp", "incl", "excl", "misc",
        "fig", "figs", "eq", "eqs", "no", "nos", "vol", "vols", "pp", "p", "ch", "sec", "art", "ed", "eds", "ref", "refs",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "a.m", "p.m", "u.s", "u.k", "u.s.a", "e.u", "ph.d", "m.sc", "b.sc", "m.d",
        "z.b", "bzw", "usw", "ggf", "vgl", "nr", "d.h", "u.a", "s.o", "mme", "mlle", "cie", "env", "p.ex",
    ]

    public init(abbreviations: Set<String> = SentenceSplitter.defaultAbbreviations) {
        self.abbreviations = abbreviations
    }

    /// The sentences of `text`, trimmed, in order.
    public func split(_ text: String) -> [String] {
        ranges(in: text).map { String(text[$0]) }
    }

    /// The ranges of the sentences in `text` (trimmed of surrounding white space).
    public func ranges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        var index = text.startIndex
        func emit(_ end: String.Index) {
            var lower = start, upper = end
            while lower < upper, text[lower].isWhitespace { lower = text.index(after: lower) }
            while upper > lower, text[text.index(before: upper)].isWhitespace { upper = text.index(before: upper) }
            if lower < upper { result.append(lower..<upper) }
            start = end
        }
        while index < text.endIndex {
            let character = text[index]
            if character.isNewline, let next = nextNonSpace(text, after: index), next.sawBlankLine {
                emit(index)
                index = next.index
                continue
            }
            if Self.cjkTerminators.contains(character) {
                var end = text.index(after: index)
                while end < text.endIndex, Self.cjkTerminators.contains(text[end]) || Self.closers.contains(text[end]) { end = text.index(after: end) }
                emit(end)
                index = end
                continue
            }
            if Self.terminators.contains(character) {
                var end = text.index(after: index)
                while end < text.endIndex, Self.terminators.contains(text[end]) { end = text.index(after: end) }
                while end < text.endIndex, Self.closers.contains(text[end]) { end = text.index(after: end) }
                if isBoundary(text, terminator: index, end: end) { emit(end) }
                index = end
                continue
            }
            index = text.index(after: index)
        }
        emit(text.endIndex)
        return result
    }

    private static let terminators: Set<Character> = [".", "!", "?", "…", "‼", "⁇", "؟", "।"]
    private static let cjkTerminators: Set<Character> = ["。", "！", "？", "｡"]
    private static let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»", "」", "』", "›"]

    private func isBoundary(_ text: String, terminator: String.Index, end: String.Index) -> Bool {
        guard end < text.endIndex else { return true }
        guard text[end].isWhitespace else { return false }
        guard let next = nextNonSpace(text, after: end) else { return true }
        let following = text[next.index]
        if next.sawBlankLine { return true }
        if following.isLowercase { return false }
        guard text[terminator] == "." else { return true }
        // The word before the dot: an abbreviation or an initial does not end a sentence.
        var wordStart = terminator
        while wordStart > text.startIndex {
            let previous = text.index(before: wordStart)
            if text[previous].isWhitespace || "([{\"'“‘«".contains(text[previous]) { break }
            wordStart = previous
        }
        let word = text[wordStart..<terminator].lowercased()
        // "etc." often ends a sentence; titles and the like never do.
        if abbreviations.contains(word) { return word == "etc" && following.isUppercase }
        if word.count == 1, let letter = word.first, letter.isLetter, text[wordStart].isUppercase { return false }
        return true
    }

    /// The next non-space character after `index`, and whether a blank line came before it.
    private func nextNonSpace(_ text: String, after index: String.Index) -> (index: String.Index, sawBlankLine: Bool)? {
        var cursor = index
        var newlines = 0
        while cursor < text.endIndex, text[cursor].isWhitespace {
            if text[cursor].isNewline { newlines += 1 }
            cursor = text.index(after: cursor)
        }
        return cursor < text.endIndex ? (cursor, newlines >= 2) : nil
    }
}
