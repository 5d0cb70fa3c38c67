import Foundation
import LoreCore

/// Word documents (DOCX, DOCM, DOTX): the body in order — headings from paragraph styles and
/// outline levels, list items from numbering, tables as rows × cells, pictures from
/// `word/media` through the relationships — then headers, footers, footnotes, endnotes and
/// comments. Title, author and language from `docProps/core.xml` (language falls back to the
/// default in styles.xml). Page numbers are not known without laying the document out.
struct DOCXParser {
    let limits: MediaLimits

    func parse(_ path: String) throws -> ParsedDocument {
        let package = try OOXMLPackage(archive: SafeZipArchive(path: path, limits: limits))
        let main = try package.mainPart() ?? "word/document.xml"
        guard let document = try package.xml(main), let body = document.child("body") else {
            throw LoreError(.documentCorrupt, "\((path as NSString).lastPathComponent) has no document body")
        }
        let relationships = try package.relationships(of: main)
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let styles = DOCXStyles(try relationships.first { $0.type == "styles" }?.target.flatMap { try package.xml($0) })
        var builder = DocumentBuilder(limits: limits)
        var context = Context(package: package, styles: styles, builder: builder)

        for header in try parts(of: "header", relationships, package) { try context.add(header, as: .header, partName: header.name) }
        try context.add(WordprocessingText.items(in: body), relationships: byID)
        for footer in try parts(of: "footer", relationships, package) { try context.add(footer, as: .footer, partName: footer.name) }
        for notes in try parts(of: "footnotes", relationships, package) + parts(of: "endnotes", relationships, package) {
            for note in notes.root.elements where note.localName == "footnote" || note.localName == "endnote" {
                // Separators (ids -1/0 or a type attribute) are layout, not notes.
                guard note.attribute("type") == nil else { continue }
                try context.add(WordprocessingText.items(in: note), forced: .footnote, relationships: notes.relationships)
            }
        }
        for comments in try parts(of: "comments", relationships, package) {
            for comment in comments.root.children("comment") {
                try context.add(WordprocessingText.items(in: comment), forced: .comment, relationships: comments.relationships)
            }
        }
        builder = context.builder
        let core = try OOXMLCoreProperties(package)
        return builder.finish(.docx, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              title: core.title, author: core.author, language: core.language ?? styles.defaultLanguage,
                              pageCount: nil)
    }

    struct Part {
        var name: String
        var root: XMLElement
        var relationships: [String: OOXMLPackage.Relationship]
    }

    /// The parts the main part links with this relationship type, in relationship order.
    private func parts(of type: String, _ relationships: [OOXMLPackage.Relationship], _ package: OOXMLPackage) throws -> [Part] {
        var seen = Set<String>()
        return try relationships.filter { $0.type == type }.compactMap { relationship in
            guard let target = relationship.target, seen.insert(target).inserted, let root = try package.xml(target) else { return nil }
            return Part(name: target, root: root, relationships: try package.relationshipMap(of: target))
        }
    }

    /// Adds items to the builder with roles from styles, and pictures through relationships.
    private struct Context {
        let package: OOXMLPackage
        let styles: DOCXStyles
        var builder: DocumentBuilder
        /// Header/footer texts already added (first-page, even and default variants often repeat).
        var seenMargins = Set<String>()
        var seenPictures = Set<String>()

        mutating func add(_ part: Part, as role: BlockRole, partName: String) throws {
            for item in WordprocessingText.items(in: part.root) {
                guard case .paragraph(let paragraph) = item else {
                    try add([item], forced: role, relationships: part.relationships)
                    continue
                }
                let key = DocumentBuilder.collapseWhitespace(paragraph.text)
                guard key.isEmpty || seenMargins.insert("\(role)|\(key)").inserted else { continue }
                try add([item], forced: role, relationships: part.relationships)
            }
        }

        mutating func add(_ items: [WordprocessingText.Item], forced: BlockRole? = nil,
                          relationships: [String: OOXMLPackage.Relationship]) throws {
            for item in items {
                switch item {
                case .paragraph(let paragraph):
                    try builder.add(paragraph.text, forced ?? role(of: paragraph))
                    for picture in paragraph.pictures { try addPicture(picture, relationships) }
                case .table(let rows, let caption):
                    if let forced, forced != .paragraph {
                        for row in rows { try builder.add(row.joined(separator: " "), forced) }
                    } else {
                        try builder.addTable(rows, caption: caption)
                    }
                }
            }
        }

        private func role(of paragraph: WordprocessingText.Paragraph) -> BlockRole {
            switch styles.kind(styleID: paragraph.styleID, outlineLevel: paragraph.outlineLevel) {
            case .heading(let level): return .heading(level: level)
            case .caption: return .caption
            case .code: return .code
            case .list: return .listItem(level: paragraph.listLevel ?? 0)
            case .body: return paragraph.listLevel.map { .listItem(level: $0) } ?? .paragraph
            }
        }

        private mutating func addPicture(_ picture: WordprocessingText.Picture, _ relationships: [String: OOXMLPackage.Relationship]) throws {
            guard let target = relationships[picture.relationshipID]?.target, seenPictures.insert(target).inserted,
                  !builder.imagesFull, let bytes = try package.image(target, builder: &builder) else { return }
            builder.addImage(bytes, name: target, altText: picture.altText)
        }
    }
}
