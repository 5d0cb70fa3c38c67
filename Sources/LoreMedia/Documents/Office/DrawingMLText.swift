/// Text in DrawingML (`a:txBody`): paragraphs with their outline level and whether they carry
/// an explicit bullet or numbering.
enum DrawingMLText {
    struct Paragraph {
        var text: String
        var level: Int
        /// `a:buChar` / `a:buAutoNum` on the paragraph.
        var hasBullet: Bool
        /// `a:buNone` on the paragraph.
        var bulletSuppressed: Bool
    }

    static func paragraphs(in body: XMLElement?) -> [Paragraph] {
        guard let body else { return [] }
        return body.children("p").map { paragraph in
            let properties = paragraph.child("pPr")
            var text = ""
            appendText(paragraph, to: &text)
            return Paragraph(
                text: text,
                level: Int(properties?.attribute("lvl") ?? "0") ?? 0,
                hasBullet: properties?.child("buChar") != nil || properties?.child("buAutoNum") != nil,
                bulletSuppressed: properties?.child("buNone") != nil)
        }
    }

    private static func appendText(_ element: XMLElement, to text: inout String) {
        for case .element(let child) in element.children {
            switch child.localName {
            case "t": text += child.textContent
            case "br": text += "\n"
            case "tab": text += "\t"
            case "pPr", "rPr", "endParaRPr": continue
            default: appendText(child, to: &text)
            }
        }
    }

    /// A DrawingML table (`a:tbl`) as rows × cells; merged continuations are empty.
    static func table(_ table: XMLElement) -> [[String]] {
        table.children("tr").map { row in
            row.children("tc").map { cell in
                if cell.attribute("hMerge") == "1" || cell.attribute("vMerge") == "1" { return "" }
                return paragraphs(in: cell.child("txBody")).map(\.text).joined(separator: " ")
            }
        }
    }
}
