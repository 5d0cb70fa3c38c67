/// Reads WordprocessingML content (body, headers, footers, comments, notes): paragraphs with
/// their style and numbering, tables as rows × cells, and pictures with their relationship id.
/// Deleted text, field codes and alternate (fallback) content are left out.
struct WordprocessingText {
    /// A unit of content in order.
    enum Item {
        case paragraph(Paragraph)
        case table(rows: [[String]], caption: String?)
    }

    struct Paragraph {
        var text: String
        var styleID: String?
        var outlineLevel: Int?
        /// Numbering level when the paragraph is a list item (`w:numPr`).
        var listLevel: Int?
        var pictures: [Picture]
    }

    struct Picture {
        var relationshipID: String
        var altText: String?
    }

    /// The block-level content under `container` (`w:body`, `w:hdr`, `w:comment`, a cell, …).
    static func items(in container: XMLElement) -> [Item] {
        var items: [Item] = []
        for element in container.elements {
            switch element.localName {
            case "p":
                var nested: [Item] = []
                items.append(.paragraph(paragraph(element, textBoxes: &nested)))
                items += nested
            case "tbl":
                items.append(table(element))
            case "sdt":
                if let content = element.child("sdtContent") { items += self.items(in: content) }
            case "customXml", "ins", "moveTo":
                items += self.items(in: element)
            default:
                break
            }
        }
        return items
    }

    /// One paragraph; text boxes anchored in it come out as items of their own.
    static func paragraph(_ element: XMLElement, textBoxes: inout [Item]) -> Paragraph {
        let properties = element.child("pPr")
        let numbering = properties?.child("numPr")
        let numID = numbering?.child("numId")?.attribute("val")
        var paragraph = Paragraph(
            text: "",
            styleID: properties?.child("pStyle")?.attribute("val"),
            outlineLevel: properties?.child("outlineLvl")?.attribute("val").flatMap { Int($0) },
            listLevel: numbering != nil && numID != "0" ? Int(numbering?.child("ilvl")?.attribute("val") ?? "0") ?? 0 : nil,
            pictures: [])
        collect(element, into: &paragraph, textBoxes: &textBoxes)
        return paragraph
    }

    private static func collect(_ element: XMLElement, into paragraph: inout Paragraph, textBoxes: inout [Item]) {
        for child in element.children {
            guard case .element(let node) = child else { continue }
            switch node.localName {
            case "t":
                paragraph.text += node.textContent
            case "tab", "ptab":
                paragraph.text += "\t"
            case "br", "cr":
                paragraph.text += "\n"
            case "noBreakHyphen":
                paragraph.text += "-"
            case "pPr", "rPr", "del", "delText", "instrText", "moveFrom", "fldData", "footnoteReference",
                 "endnoteReference", "commentReference", "annotationRef", "Fallback":
                continue
            case "AlternateContent":
                // Take the first choice only; the fallback repeats the same content in VML.
                if let choice = node.child("Choice") { collect(choice, into: &paragraph, textBoxes: &textBoxes) }
            case "txbxContent":
                textBoxes += items(in: node)
            case "blip":
                if let id = node.attribute("r:embed") ?? node.attribute("embed") {
                    paragraph.pictures.append(Picture(relationshipID: id, altText: nil))
                }
            case "imagedata":
                if let id = node.attribute("r:id") ?? node.attribute("id") {
                    paragraph.pictures.append(Picture(relationshipID: id, altText: node.attribute("o:title")))
                }
            case "inline", "anchor":
                let before = paragraph.pictures.count
                collect(node, into: &paragraph, textBoxes: &textBoxes)
                let properties = node.child("docPr")
                let alt = properties?.attribute("descr").flatMap { $0.isEmpty ? nil : $0 } ?? properties?.attribute("title")
                for index in before..<paragraph.pictures.count where paragraph.pictures[index].altText == nil {
                    paragraph.pictures[index].altText = alt
                }
            default:
                collect(node, into: &paragraph, textBoxes: &textBoxes)
            }
        }
    }

    /// Rows × cells; a cell spanning columns is followed by empty cells so columns line up, a
    /// vertically merged continuation is empty. Nested tables' text stays in their cell.
    static func table(_ element: XMLElement) -> Item {
        var rows: [[String]] = []
        for row in element.children("tr") {
            var cells: [String] = []
            for cell in rowCells(row) {
                let properties = cell.child("tcPr")
                let span = Int(properties?.child("gridSpan")?.attribute("val") ?? "1") ?? 1
                let merge = properties?.child("vMerge")
                let continues = merge != nil && merge?.attribute("val") != "restart"
                cells.append(continues ? "" : cellText(cell))
                if span > 1 { cells += Array(repeating: "", count: min(span, 64) - 1) }
            }
            rows.append(cells)
        }
        let caption = element.child("tblPr")?.child("tblCaption")?.attribute("val")
        return .table(rows: rows, caption: caption)
    }

    /// Cells of a row, including those wrapped in content controls.
    private static func rowCells(_ row: XMLElement) -> [XMLElement] {
        row.elements.flatMap { element -> [XMLElement] in
            switch element.localName {
            case "tc": return [element]
            case "sdt": return element.child("sdtContent").map { $0.children("tc") } ?? []
            default: return []
            }
        }
    }

    private static func cellText(_ cell: XMLElement) -> String {
        items(in: cell).map { item -> String in
            switch item {
            case .paragraph(let paragraph): return paragraph.text
            case .table(let rows, _): return rows.map { $0.joined(separator: " ") }.joined(separator: " ")
            }
        }.joined(separator: " ")
    }
}
