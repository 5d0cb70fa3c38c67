import Foundation

/// HTML: the visible text only — nothing from `head` (but its `title` and author), `script`,
/// `style`, `template`, `noscript`, `svg`, or elements marked `hidden`/`display:none`.
/// Headings h1–h6, list items with nesting, `pre` as code, `figcaption`/`caption` as captions,
/// `footer` as footer, and tables (rows × cells, nested tables kept in their cell's text).
/// Unclosed and misnested tags are tolerated; entities are decoded.
struct HTMLDocumentParser {
    let limits: MediaLimits

    private static let skipped: Set<String> = ["head", "script", "style", "template", "noscript", "svg", "math",
                                               "iframe", "object", "embed", "canvas", "audio", "video", "select", "textarea"]
    private static let voids: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                             "param", "source", "track", "wbr"]
    private static let blocks: Set<String> = ["p", "div", "section", "article", "main", "nav", "aside", "header", "footer",
                                              "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "pre",
                                              "blockquote", "figure", "figcaption", "address", "details", "summary", "form",
                                              "fieldset", "legend", "hr", "br", "table", "caption", "tr", "td", "th",
                                              "body", "html", "center", "hgroup", "menu"]

    private struct TableBuilder {
        var rows: [[String]] = []
        var cell: String?
        var caption = ""
        var inCaption = false
    }

    func parse(_ html: String) throws -> ParsedDocument {
        var tokenizer = HTMLTokenizer(html)
        var builder = DocumentBuilder(limits: limits)
        var open: [String] = []          // open elements, innermost last
        var hiddenDepth: Int?            // open.count when a hidden subtree began
        var text = ""
        var title: String?
        var author: String?
        var language: String?
        var tables: [TableBuilder] = []
        var listDepth = 0

        func role() -> BlockRole {
            for name in open.reversed() {
                switch name {
                case "h1", "h2", "h3", "h4", "h5", "h6": return .heading(level: Int(String(name.last!))!)
                case "li", "dt", "dd": return .listItem(level: max(0, listDepth - 1))
                case "pre": return .code
                case "figcaption", "caption": return .caption
                case "footer": return .footer
                case "p", "div", "section", "article", "blockquote", "td", "th", "table": return .paragraph
                default: continue
                }
            }
            return .paragraph
        }
        func flush() throws {
            defer { text = "" }
            guard tables.isEmpty else { return }
            try builder.add(text, role())
        }
        func append(_ value: String) {
            if !tables.isEmpty {
                if tables[tables.count - 1].inCaption { tables[tables.count - 1].caption += value; return }
                if tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell! += value }
                return
            }
            text += value
        }
        func closeCell() {
            guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { return }
            if tables[tables.count - 1].rows.isEmpty { tables[tables.count - 1].rows.append([]) }
            tables[tables.count - 1].rows[tables[tables.count - 1].rows.count - 1].append(cell)
            tables[tables.count - 1].cell = nil
        }
        func closeTable() throws {
            closeCell()
            guard let table = tables.popLast() else { return }
            if tables.isEmpty {
                try builder.addTable(table.rows, caption: DocumentBuilder.clean(table.caption))
            } else {
                // A nested table's text stays in the enclosing cell.
                append(" " + table.rows.map { $0.joined(separator: " ") }.joined(separator: " ") + " ")
            }
        }

        /// Pops open elements up to and including the innermost `name`.
        func close(upTo name: String) throws {
            while let last = open.last {
                // Flush while the element is still open, so its text gets its role.
                if hiddenDepth == nil, Self.blocks.contains(last) { try flush() }
                open.removeLast()
                if let depth = hiddenDepth {
                    if open.count <= depth { hiddenDepth = nil }
                } else {
                    switch last {
                    case "ul", "ol", "menu": listDepth = max(0, listDepth - 1)
                    case "td", "th": closeCell()
                    case "caption": if !tables.isEmpty { tables[tables.count - 1].inCaption = false }
                    case "table": try closeTable()
                    default: break
                    }
                }
                if last == name { return }
            }
        }

        while let token = tokenizer.next() {
            switch token {
            case .text(let value):
                if hiddenDepth == nil { append(value) }
            case .start(let name, let attributes, let selfClosing):
                if name == "html", let lang = attributes["lang"], !lang.isEmpty { language = lang }
                if name == "title", title == nil { title = attributes["#raw"].map(HTMLEntities.decode) }
                if name == "meta", attributes["name"]?.lowercased() == "author" { author = attributes["content"] }
                if hiddenDepth != nil || Self.voids.contains(name) || selfClosing || attributes["#raw"] != nil {
                    if name == "br", hiddenDepth == nil { append("\n") }
                    if name == "hr", hiddenDepth == nil { try flush() }
                    continue
                }
                if Self.skipped.contains(name) || Self.isHidden(attributes) {
                    hiddenDepth = open.count
                    open.append(name)
                    continue
                }
                // Implied ends: a new <p>/<li> closes the previous one, a new cell or row the open cell.
                if ["p", "li", "dt", "dd"].contains(name), open.last == name { try close(upTo: name) }
                if ["td", "th", "tr"].contains(name), let last = open.last, last == "td" || last == "th" { try close(upTo: last) }
                if name == "tr", open.last == "tr" { try close(upTo: "tr") }
                if Self.blocks.contains(name) { try flush() }
                // Bounded nesting: deeper elements are read as inline text containers.
                guard open.count < 512 else { continue }
                open.append(name)
                switch name {
                case "ul", "ol", "menu": listDepth += 1
                case "table": tables.append(TableBuilder())
                case "tr": if !tables.isEmpty { closeCell(); tables[tables.count - 1].rows.append([]) }
                case "td", "th": if !tables.isEmpty { closeCell(); tables[tables.count - 1].cell = "" }
                case "caption": if !tables.isEmpty { tables[tables.count - 1].inCaption = true }
                default: break
                }
            case .end(let name):
                guard open.contains(name) else { continue }
                try close(upTo: name)
            }
        }
        try flush()
        while !tables.isEmpty { try closeTable() }
        return builder.finish(.html, contentType: "text/html", title: title, author: author, language: language, pageCount: nil)

    }

    private static func isHidden(_ attributes: [String: String]) -> Bool {
        if attributes["hidden"] != nil || attributes["aria-hidden"] == "true" && attributes["role"] == "presentation" { return true }
        let style = (attributes["style"] ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        return style.contains("display:none") || style.contains("visibility:hidden")
    }
}
