/// Paragraph styles of a Word document, resolved through `basedOn`: which make headings (by
/// name "Heading N"/"Title" or outline level), which make lists (numbering in the style), and
/// which make captions or code.
struct DOCXStyles {
    enum Kind: Equatable {
        case heading(Int)
        case list
        case caption
        case code
        case body
    }

    private struct Style {
        var name: String
        var basedOn: String?
        var outlineLevel: Int?
        var hasNumbering: Bool
    }

    private var styles: [String: Style] = [:]
    /// The document's default language (`w:docDefaults` run properties).
    private(set) var defaultLanguage: String?

    init(_ root: XMLElement?) {
        guard let root else { return }
        for style in root.children("style") where style.attribute("type") == "paragraph" {
            guard let id = style.attribute("styleId") else { continue }
            let properties = style.child("pPr")
            styles[id] = Style(
                name: style.child("name")?.attribute("val") ?? id,
                basedOn: style.child("basedOn")?.attribute("val"),
                outlineLevel: properties?.child("outlineLvl")?.attribute("val").flatMap { Int($0) },
                hasNumbering: properties?.child("numPr")?.child("numId").map { $0.attribute("val") != "0" } ?? false)
        }
        defaultLanguage = root.child("docDefaults")?.child("rPrDefault")?.child("rPr")?.child("lang")?.attribute("val")
    }

    /// What a paragraph with this style (and its own outline level, if any) is.
    func kind(styleID: String?, outlineLevel: Int?) -> Kind {
        if let outlineLevel, outlineLevel < 9 { return .heading(outlineLevel + 1) }
        var id = styleID
        var depth = 0
        var inheritedNumbering = false
        while let current = id, let style = styles[current], depth < 16 {
            let name = style.name.lowercased()
            if name == "title" { return .heading(1) }
            if name == "subtitle" { return .heading(2) }
            if let level = Self.headingLevel(name) { return .heading(level) }
            if let level = style.outlineLevel, level < 9 { return .heading(level + 1) }
            if name == "caption" { return .caption }
            if name.contains("code") || name.contains("preformatted") { return .code }
            inheritedNumbering = inheritedNumbering || style.hasNumbering
            id = style.basedOn
            depth += 1
        }
        // Built-in ids when styles.xml is missing (documents written by simple generators).
        if styles[styleID ?? ""] == nil, let styleID, let level = Self.headingLevel(styleID.lowercased()) {
            return .heading(level)
        }
        return inheritedNumbering ? .list : .body
    }

    /// "heading 2" / "heading2" → 2.
    static func headingLevel(_ name: String) -> Int? {
        guard name.hasPrefix("heading") else { return nil }
        let rest = name.dropFirst(7).drop { $0 == " " }
        guard rest.count == 1, let digit = rest.first?.wholeNumberValue, digit >= 1 else { return nil }
        return digit
    }
}
