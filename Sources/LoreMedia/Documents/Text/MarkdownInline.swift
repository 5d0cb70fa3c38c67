import Foundation

/// Markdown inline syntax reduced to the text a reader sees: links and images keep their text
/// (alt text), emphasis and code markers go, HTML tags go, entities and backslash escapes are
/// decoded. Code spans keep their content verbatim.
enum MarkdownInline {
    static func plainText(_ source: String) -> String {
        var text = source
        // Images and links: ![alt](url), [text](url "title"), [text][ref], <https://…>
        text = text.replacing(/!\[([^\]]*)\]\([^)]*\)/) { String($0.1) }
        text = text.replacing(/\[([^\]]+)\]\([^)]*\)/) { String($0.1) }
        text = text.replacing(/\[([^\]]+)\]\[[^\]]*\]/) { String($0.1) }
        text = text.replacing(/<((?:https?|mailto|ftp):[^>\s]+)>/) { String($0.1) }
        // Inline HTML tags.
        text = text.replacing(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/) { _ in "" }
        // Code spans: keep the content, drop the backticks.
        text = text.replacing(/(`+)(.+?)\1/) { String($0.2).trimmingCharacters(in: .whitespaces) }
        // Emphasis and strike-through; `_` only at word edges so snake_case survives.
        text = text.replacing(/(\*\*|__)(\S(?:.*?\S)?)\1/) { String($0.2) }
        text = text.replacing(/~~(\S(?:.*?\S)?)~~/) { String($0.1) }
        text = text.replacing(/\*(\S(?:[^*]*?\S)?)\*/) { String($0.1) }
        text = text.replacing(/(^|[^A-Za-z0-9])_(\S(?:[^_]*?\S)?)_(?![A-Za-z0-9])/) { String($0.1) + String($0.2) }
        // Backslash escapes of punctuation.
        text = text.replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.1) }
        return HTMLEntities.decode(text)
    }
}
