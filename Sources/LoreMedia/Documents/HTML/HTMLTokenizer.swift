/// A forgiving HTML tokenizer: it never fails. Broken markup becomes text or is dropped the
/// way browsers mostly do; the contents of `script`, `style`, `textarea` and `title` are read
/// as raw text up to their end tag.
struct HTMLTokenizer {
    enum Token: Equatable {
        case text(String)
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]

    init(_ html: String) {
        scalars = Array(html.unicodeScalars)
    }

    mutating func next() -> Token? {
        guard position < scalars.count else { return nil }
        if scalars[position] == "<", let token = markup() { return token }
        let start = position
        position += 1
        while position < scalars.count, scalars[position] != "<" { position += 1 }
        return .text(HTMLEntities.decode(string(start, position)))
    }

    /// A tag, comment or declaration at `<`; nil when the `<` is just text.
    private mutating func markup() -> Token? {
        let after = position + 1
        guard after < scalars.count else { return nil }
        let next = scalars[after]
        if next == "!" || next == "?" {
            // Comments, doctype, CDATA, processing instructions: skipped.
            if matches("<!--", at: position) {
                position = find("-->", from: position + 4).map { $0 + 3 } ?? scalars.count
            } else {
                position = find(">", from: after).map { $0 + 1 } ?? scalars.count
            }
            return .text("")
        }
        let closing = next == "/"
        var index = closing ? after + 1 : after
        guard index < scalars.count, scalars[index].properties.isAlphabetic else { return nil }
        let nameStart = index
        while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">", scalars[index] != "/" { index += 1 }
        let name = string(nameStart, index).lowercased()
        var attributes: [String: String] = [:]
        var selfClosing = false
        // Attributes up to the closing `>` (quotes may hide a `>`).
        while index < scalars.count, scalars[index] != ">" {
            if isSpace(scalars[index]) { index += 1; continue }
            if scalars[index] == "/" { selfClosing = true; index += 1; continue }
            let keyStart = index
            while index < scalars.count, !isSpace(scalars[index]), scalars[index] != "=", scalars[index] != ">", scalars[index] != "/" { index += 1 }
            let key = string(keyStart, index).lowercased()
            while index < scalars.count, isSpace(scalars[index]) { index += 1 }
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                while index < scalars.count, isSpace(scalars[index]) { index += 1 }
                if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                    let quote = scalars[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < scalars.count, scalars[index] != quote { index += 1 }
                    value = string(valueStart, index)
                    index = min(index + 1, scalars.count)
                } else {
                    let valueStart = index
                    while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">" { index += 1 }
                    value = string(valueStart, index)
                }
            }
            if !key.isEmpty, attributes[key] == nil { attributes[key] = HTMLEntities.decode(value) }
            selfClosing = false
        }
        position = min(index + 1, scalars.count)
        if closing { return .end(name: name) }
        if Self.rawTextElements.contains(name), !selfClosing {
            let end = findEndTag(name, from: position) ?? scalars.count
            let raw = string(position, end)
            position = end
            return .start(name: name, attributes: attributes.merging(["#raw": raw], uniquingKeysWith: { $1 }), selfClosing: false)
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private func findEndTag(_ name: String, from start: Int) -> Int? {
        var index = start
        while let candidate = find("</", from: index) {
            let nameEnd = candidate + 2 + name.unicodeScalars.count
            if nameEnd <= scalars.count, string(candidate + 2, nameEnd).lowercased() == name { return candidate }
            index = candidate + 2
        }
        return nil
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if matches(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func matches(_ needle: String, at index: Int) -> Bool {
        let pattern = Array(needle.unicodeScalars)
        guard index + pattern.count <= scalars.count else { return false }
        for offset in 0..<pattern.count where scalars[index + offset] != pattern[offset] { return false }
        return true
    }

    private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func string(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<max(start, end)])
        return String(view)
    }
}
