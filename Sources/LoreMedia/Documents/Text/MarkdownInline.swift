/// Markdown inline syntax reduced to the text a reader sees: links and images keep their text
/// (alt text), emphasis and strike-through markers go, code spans keep their content, HTML tags
/// go, autolinks keep their address, entities and backslash escapes are decoded.
///
/// One left-to-right scan with bounded look-ahead (no backtracking regular expressions), so a
/// hostile paragraph of 100,000 brackets or asterisks costs linear time.
enum MarkdownInline {
    /// How far a closing bracket, parenthesis, backtick run or `>` is looked for.
    static let lookAhead = 2048

    static func plainText(_ source: String) -> String {
        let chars = Array(source)
        // The next `]` at or after each position: a `[` with none in reach is rejected at once.
        var nextBracket = [Int](repeating: Int.max, count: chars.count + 1)
        if !chars.isEmpty {
            for index in stride(from: chars.count - 1, through: 0, by: -1) {
                nextBracket[index] = chars[index] == "]" ? index : nextBracket[index + 1]
            }
        }
        var output = ""
        output.reserveCapacity(source.utf8.count)
        /// Positions of `]` or `)` that close a link whose text is being copied, and where to resume.
        var resume: [Int: Int] = [:]
        var index = 0
        while index < chars.count {
            if let next = resume.removeValue(forKey: index) {
                index = next
                continue
            }
            let c = chars[index]
            switch c {
            case "\\":
                if index + 1 < chars.count, chars[index + 1].isASCII, chars[index + 1].isPunctuation || chars[index + 1].isSymbol {
                    output.append(chars[index + 1])
                    index += 2
                } else {
                    output.append(c)
                    index += 1
                }
            case "`":
                let run = runLength(chars, from: index, of: "`")
                if let close = findRun(chars, of: "`", length: run, from: index + run) {
                    output += String(chars[(index + run)..<close]).trimmingSpaces()
                    index = close + run
                } else {
                    output += String(repeating: "`", count: run)
                    index += run
                }
            case "!" where index + 1 < chars.count && chars[index + 1] == "[" && nextBracket[index + 2] - index <= lookAhead
                && linkEnd(chars, textStart: index + 2) != nil:
                index += 1 // the image's alt text is read like link text
            case "[":
                if nextBracket[index + 1] - index <= lookAhead, let end = linkEnd(chars, textStart: index + 1) {
                    resume[end.textEnd] = end.after
                } else {
                    output.append(c)
                }
                index += 1
            case "<":
                if let close = find(chars, ">", from: index + 1), close - index > 1 {
                    let inner = String(chars[(index + 1)..<close])
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") || inner.hasPrefix("ftp:") {
                        output += inner
                        index = close + 1
                        continue
                    }
                    if let first = inner.first, first.isLetter || first == "/" || first == "!" {
                        index = close + 1 // an HTML tag or comment
                        continue
                    }
                }
                output.append(c)
                index += 1
            case "*", "_", "~":
                let run = runLength(chars, from: index, of: c)
                let before: Character? = index > 0 ? chars[index - 1] : nil
                let after: Character? = index + run < chars.count ? chars[index + run] : nil
                if isDelimiter(c, run: run, before: before, after: after) {
                    index += run
                } else {
                    output += String(repeating: String(c), count: run)
                    index += run
                }
            default:
                output.append(c)
                index += 1
            }
        }
        return HTMLEntities.decode(output)
    }

    /// A run of `*`, `_` or `~~` that opens or closes emphasis (CommonMark's flanking rule);
    /// `_` not inside a word (snake_case stays), a single `~` is text.
    private static func isDelimiter(_ c: Character, run: Int, before: Character?, after: Character?) -> Bool {
        if c == "~" && run < 2 { return false }
        let leftFlanking = after.map { !$0.isWhitespace } ?? false
        let rightFlanking = before.map { !$0.isWhitespace } ?? false
        guard leftFlanking || rightFlanking else { return false }
        if c == "_" {
            let wordBefore = before.map { $0.isLetter || $0.isNumber } ?? false
            let wordAfter = after.map { $0.isLetter || $0.isNumber } ?? false
            return !(wordBefore && wordAfter)
        }
        return true
    }

    /// For link text starting at `textStart`: where the text ends (`]`) and where reading
    /// resumes after the destination `(…)` or reference `[…]`; nil when it is no link.
    private static func linkEnd(_ chars: [Character], textStart: Int) -> (textEnd: Int, after: Int)? {
        var depth = 0
        var index = textStart
        let limit = min(chars.count, textStart + lookAhead)
        while index < limit {
            switch chars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                if depth == 0 {
                    let next = index + 1
                    guard next < chars.count else { return nil }
                    if chars[next] == "(", let close = closingParenthesis(chars, from: next + 1) { return (index, close + 1) }
                    if chars[next] == "[", let close = find(chars, "]", from: next + 1) { return (index, close + 1) }
                    return nil
                }
                depth -= 1
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The `)` closing a link destination, nested parentheses balanced.
    private static func closingParenthesis(_ chars: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start
        let limit = min(chars.count, start + lookAhead)
        while index < limit {
            switch chars[index] {
            case "\\": index += 1
            case "(": depth += 1
            case ")":
                if depth == 0 { return index }
                depth -= 1
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func runLength(_ chars: [Character], from start: Int, of c: Character) -> Int {
        var end = start
        while end < chars.count, chars[end] == c { end += 1 }
        return end - start
    }

    /// The start of the next run of exactly `length` characters `c`, within the look-ahead.
    private static func findRun(_ chars: [Character], of c: Character, length: Int, from start: Int) -> Int? {
        var index = start
        let limit = min(chars.count, start + lookAhead)
        while index < limit {
            if chars[index] == c {
                let run = runLength(chars, from: index, of: c)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func find(_ chars: [Character], _ c: Character, from start: Int) -> Int? {
        let limit = min(chars.count, start + lookAhead)
        var index = start
        while index < limit {
            if chars[index] == c { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
