import Foundation
import LoreCore

/// PowerPoint presentations (PPTX, PPTM, PPSX): slides in presentation order (`p:sldIdLst`
/// through the relationships), the title placeholder first as `slideTitle`, then the other
/// shapes in the slide's order — body text (list items where bulleted), tables (`a:tbl`),
/// pictures (with their alternative text) — and the slide's speaker notes from its
/// notesSlide part. Groups are walked; charts and SmartArt are not read.
struct PPTXParser {
    let limits: MediaLimits

    func parse(_ path: String) throws -> ParsedDocument {
        let name = (path as NSString).lastPathComponent
        let package = try OOXMLPackage(archive: SafeZipArchive(path: path, limits: limits))
        let main = try package.mainPart() ?? "ppt/presentation.xml"
        guard let presentation = try package.xml(main) else { throw LoreError(.documentCorrupt, "\(name) has no presentation part") }
        let relationships = try package.relationshipMap(of: main)
        let slideIDs = presentation.child("sldIdLst")?.children("sldId") ?? []
        guard slideIDs.count <= limits.maxPages else {
            throw LoreError(.pdfTooManyPages, "\(name) has \(slideIDs.count) slides; the limit is \(limits.maxPages)",
                            details: ["pages": String(slideIDs.count), "limit": String(limits.maxPages)])
        }
        var builder = DocumentBuilder(limits: limits)
        var slideNumber = 0
        for slideID in slideIDs {
            guard let id = slideID.attribute("r:id") ?? slideID.attribute("id"),
                  let part = relationships[id]?.target, let slide = try package.xml(part) else { continue }
            slideNumber += 1
            try SlideReader(package: package, part: part, number: slideNumber).read(slide, into: &builder)
        }
        let core = try OOXMLCoreProperties(package)
        return builder.finish(.pptx, contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                              title: core.title, author: core.author, language: core.language, pageCount: slideNumber)
    }
}

/// One slide and its notes.
private struct SlideReader {
    let package: OOXMLPackage
    let part: String
    let number: Int

    func read(_ slide: XMLElement, into builder: inout DocumentBuilder) throws {
        let relationships = try package.relationshipMap(of: part)
        let shapes = Self.shapes(in: slide.child("cSld")?.child("spTree"))
        let titles = shapes.filter { Self.placeholderType($0).map { $0 == "title" || $0 == "ctrTitle" } ?? false }
        let title = titles.map { DrawingMLText.paragraphs(in: $0.child("txBody")).map(\.text).joined(separator: " ") }.joined(separator: " ")
        try builder.add(title, .slideTitle, slide: number)
        for shape in shapes where !titles.contains(shape) {
            switch shape.localName {
            case "sp":
                try addText(shape, into: &builder)
            case "graphicFrame":
                if let table = shape.firstDescendant("tbl") {
                    try builder.addTable(DrawingMLText.table(table), slide: number, caption: title.isEmpty ? nil : title)
                }
            case "pic":
                guard let id = shape.firstDescendant("blip")?.attribute("r:embed"), let target = relationships[id]?.target,
                      !builder.imagesFull, let bytes = try package.image(target, builder: &builder) else { continue }
                let properties = shape.child("nvPicPr")?.child("cNvPr")
                builder.addImage(bytes, name: target, slide: number, altText: properties?.attribute("descr") ?? properties?.attribute("title"))
            default:
                break
            }
        }
        if let notesPart = relationships.values.first(where: { $0.type == "notesSlide" })?.target, let notes = try package.xml(notesPart) {
            for shape in Self.shapes(in: notes.child("cSld")?.child("spTree")) where shape.localName == "sp" && Self.placeholderType(shape) == "body" {
                for paragraph in DrawingMLText.paragraphs(in: shape.child("txBody")) {
                    try builder.add(paragraph.text, .speakerNotes, slide: number)
                }
            }
        }
    }

    private func addText(_ shape: XMLElement, into builder: inout DocumentBuilder) throws {
        let type = Self.placeholderType(shape)
        if let type, ["sldNum", "dt", "ftr", "hdr", "sldImg"].contains(type) {
            // Footers, dates and slide numbers repeat on every slide; they are kept as footers.
            for paragraph in DrawingMLText.paragraphs(in: shape.child("txBody")) { try builder.add(paragraph.text, .footer, slide: number) }
            return
        }
        // Body placeholders are bulleted unless a paragraph says otherwise.
        let bulletedByDefault = type == "body" || type == "obj" || (type == "" && shape.firstDescendant("ph") != nil)
        for paragraph in DrawingMLText.paragraphs(in: shape.child("txBody")) {
            let isItem = paragraph.hasBullet || (bulletedByDefault && !paragraph.bulletSuppressed)
            try builder.add(paragraph.text, type == "subTitle" ? .heading(level: 2) : isItem ? .listItem(level: paragraph.level) : .paragraph,
                            slide: number)
        }
    }

    /// `p:ph@type` of a shape: nil when not a placeholder, "" for a placeholder without a type
    /// (a content placeholder).
    static func placeholderType(_ shape: XMLElement) -> String? {
        guard let placeholder = shape.firstDescendant("nvPr")?.child("ph") ?? shape.child("nvSpPr")?.child("nvPr")?.child("ph") else { return nil }
        return placeholder.attribute("type") ?? ""
    }

    /// Shapes in order, groups flattened.
    static func shapes(in tree: XMLElement?) -> [XMLElement] {
        guard let tree else { return [] }
        return tree.elements.flatMap { element -> [XMLElement] in
            switch element.localName {
            case "grpSp": return shapes(in: element)
            case "sp", "graphicFrame", "pic": return [element]
            case "AlternateContent": return element.child("Choice").map { shapes(in: $0) } ?? []
            default: return []
            }
        }
    }
}
