import Foundation

/// Writes small, valid PDFs for tests: text pages in Helvetica, pages showing a JPEG, custom
/// MediaBoxes, and many pages sharing one content stream (a 10,000-page PDF in about 1 MB).
struct PDFWriter {
    struct TextRun {
        var text: String
        var x: Double
        var y: Double       // from the top of the page, like the parsed boxes
        var size: Double = 12
    }

    enum Page {
        case text([TextRun], width: Double = 612, height: Double = 792)
        /// A JPEG drawn over the whole page (`grey` 1-component or RGB 3-component), plus optional text.
        case image(jpeg: [UInt8], pixelWidth: Int, pixelHeight: Int, components: Int, width: Double, height: Double, text: [TextRun] = [])
    }

    private var objects: [[UInt8]] = []

    /// A PDF with the given pages.
    static func document(_ pages: [Page]) -> [UInt8] {
        var writer = PDFWriter()
        let catalog = writer.reserve()
        let pagesID = writer.reserve()
        let font = writer.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var kids: [Int] = []
        for page in pages {
            switch page {
            case .text(let runs, let width, let height):
                let content = writer.stream(textOperators(runs, pageHeight: height), dictionary: "")
                kids.append(writer.add("<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(fmt(width)) \(fmt(height))] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(content) 0 R >>"))
            case .image(let jpeg, let pixelWidth, let pixelHeight, let components, let width, let height, let runs):
                let colorSpace = components == 1 ? "/DeviceGray" : "/DeviceRGB"
                let image = writer.stream(jpeg, dictionary: "/Type /XObject /Subtype /Image /Width \(pixelWidth) /Height \(pixelHeight) /ColorSpace \(colorSpace) /BitsPerComponent 8 /Filter /DCTDecode")
                let drawing = Array("q \(fmt(width)) 0 0 \(fmt(height)) 0 0 cm /Im1 Do Q\n".utf8) + textOperators(runs, pageHeight: height)
                let content = writer.stream(drawing, dictionary: "")
                kids.append(writer.add("<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(fmt(width)) \(fmt(height))] /Resources << /Font << /F1 \(font) 0 R >> /XObject << /Im1 \(image) 0 R >> >> /Contents \(content) 0 R >>"))
            }
        }
        writer.set(pagesID, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        writer.set(catalog, "<< /Type /Catalog /Pages \(pagesID) 0 R >>")
        return writer.serialize(root: catalog)
    }

    /// `count` identical text pages that share one content stream.
    static func repeatedPages(_ count: Int, text: String) -> [UInt8] {
        var writer = PDFWriter()
        let catalog = writer.reserve()
        let pagesID = writer.reserve()
        let font = writer.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        let content = writer.stream(textOperators([TextRun(text: text, x: 72, y: 72)], pageHeight: 792), dictionary: "")
        let kids = (0..<count).map { _ in
            writer.add("<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(content) 0 R >>")
        }
        writer.set(pagesID, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(count) >>")
        writer.set(catalog, "<< /Type /Catalog /Pages \(pagesID) 0 R >>")
        return writer.serialize(root: catalog)
    }

    // MARK: Objects

    private mutating func reserve() -> Int {
        objects.append([])
        return objects.count
    }

    private mutating func set(_ id: Int, _ body: String) {
        objects[id - 1] = Array(body.utf8)
    }

    private mutating func add(_ body: String) -> Int {
        objects.append(Array(body.utf8))
        return objects.count
    }

    private mutating func stream(_ data: [UInt8], dictionary: String) -> Int {
        objects.append(Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8))
        return objects.count
    }

    private func serialize(root: Int) -> [UInt8] {
        var out: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(root) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// Text-showing operators; strings in WinAnsiEncoding (Latin-1 plus the Windows bullets and dashes).
    private static func textOperators(_ runs: [TextRun], pageHeight: Double) -> [UInt8] {
        runs.flatMap { run -> [UInt8] in
            var string: [UInt8] = []
            for scalar in run.text.unicodeScalars {
                let byte: UInt8
                switch scalar {
                case "\u{2022}": byte = 0x95
                case "\u{2013}": byte = 0x96
                case "\u{2014}": byte = 0x97
                case "\u{20AC}": byte = 0x80
                default: byte = scalar.value < 256 ? UInt8(scalar.value) : 0x3F
                }
                if byte == 0x28 || byte == 0x29 || byte == 0x5C { string.append(0x5C) }
                string.append(byte)
            }
            return Array("BT /F1 \(fmt(run.size)) Tf \(fmt(run.x)) \(fmt(pageHeight - run.y - run.size)) Td (".utf8) + string + Array(") Tj ET\n".utf8)
        }
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
}
