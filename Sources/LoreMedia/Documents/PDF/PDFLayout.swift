import LoreCore

/// One page of text as `pdftotext -bbox-layout` lays it out: poppler's blocks (its reading
/// order), their lines and words with boxes in PDF points, origin top-left.
struct PDFPageLayout: Sendable {
    var number: Int
    var width: Double
    var height: Double
    var blocks: [PDFTextBlock]

    var characterCount: Int { blocks.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.words.reduce(0) { $0 + $1.text.count } } } }
}

struct PDFTextBlock: Sendable {
    var box: BoundingBox
    var lines: [PDFTextLine]
}

struct PDFTextLine: Sendable {
    var box: BoundingBox
    var words: [PDFWord]
    var text: String { words.map(\.text).joined(separator: " ") }
}

struct PDFWord: Sendable {
    var text: String
    var box: BoundingBox
}

/// Reads pdftotext's XHTML (`<page><flow><block><line><word>`).
enum PDFLayoutReader {
    static func pages(from xhtml: [UInt8], firstPage: Int, limits: MediaLimits) throws -> [PDFPageLayout] {
        guard xhtml.count <= limits.maxXMLPartBytes else {
            throw LoreError(.documentTooLarge, "the PDF's text layout exceeds \(limits.maxXMLPartBytes) bytes")
        }
        // poppler names the XHTML DTD; it is skipped unread, and an internal subset still refused.
        let root = try SafeXML.parse(xhtml, part: "pdftotext layout", options: XMLParseOptions(skipsExternalDoctype: true))
        return root.descendants("page").enumerated().map { index, page in
            PDFPageLayout(
                number: firstPage + index,
                width: Double(page.attribute("width") ?? "") ?? 0,
                height: Double(page.attribute("height") ?? "") ?? 0,
                blocks: page.descendants("block").map { block in
                    PDFTextBlock(box: box(block), lines: block.children("line").map { line in
                        PDFTextLine(box: box(line), words: RightToLeftText.logicalOrder(
                            line.children("word").map { PDFWord(text: $0.textContent, box: box($0)) }))
                    })
                })
        }
    }

    private static func box(_ element: XMLElement) -> BoundingBox {
        let x0 = Double(element.attribute("xMin") ?? "") ?? 0, y0 = Double(element.attribute("yMin") ?? "") ?? 0
        let x1 = Double(element.attribute("xMax") ?? "") ?? 0, y1 = Double(element.attribute("yMax") ?? "") ?? 0
        return BoundingBox(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}

extension BoundingBox {
    var midY: Double { y + height / 2 }

    /// Rounded to 0.01 pt for stable output.
    var rounded: BoundingBox {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return BoundingBox(x: r(x), y: r(y), width: r(width), height: r(height))
    }
}
