import Foundation
import LoreCore
import LoreMedia

/// Structure-aware and semantic chunks of a parsed document.
///
/// Structure first: a heading starts a new section (and its heading path is kept with every
/// chunk of the section), a slide is a section, speaker notes and comments are chunks of their
/// own, tables are chunked row by row with their header. Inside a section longer than one chunk,
/// the text is cut into sentences and packed up to `targetTokens`; past `minTokens` a chunk also
/// ends where the embedding similarity between adjacent sentences drops (a change of topic):
/// below `dropThreshold`, or among the lowest quarter of the section's similarities. The
/// similarity at a boundary is kept as `semantic_score`.
public struct DocumentChunker: Sendable {
    public var minTokens = 80
    /// Below the local model's 256-token window (with room for special tokens).
    public var targetTokens = 200
    public var dropThreshold: Float = 0.35
    public var tokenCount: @Sendable (String) -> Int = TokenEstimator.estimate
    let splitter = SentenceSplitter()

    public init() {}

    /// A sentence with where it sits.
    struct Unit {
        var text: String
        var page: Int?
        var bbox: BoundingBox?
        var tokens: Int
    }

    /// A run of blocks chunked together.
    struct Section {
        var headingPath: [String]
        var structure: String
        var slide: Int?
        var slideTitle: String?
        var units: [Unit] = []
    }

    public func chunks(_ document: ParsedDocument, embedder: (any Embedder)?) async throws -> [ChunkDraft] {
        let sections = sections(of: document)
        // One batch for every sentence that may need a boundary decision.
        let needsSimilarity = sections.filter { $0.units.reduce(0) { $0 + $1.tokens } > targetTokens }
        var similarities: [[Float]] = Array(repeating: [], count: sections.count)
        if let embedder, !needsSimilarity.isEmpty {
            var texts: [String] = []
            for section in sections where section.units.reduce(0, { $0 + $1.tokens }) > targetTokens { texts += section.units.map(\.text) }
            let vectors = try await embedder.embed(texts)
            var cursor = 0
            for (index, section) in sections.enumerated() where section.units.reduce(0, { $0 + $1.tokens }) > targetTokens {
                let slice = Array(vectors[cursor..<(cursor + section.units.count)])
                cursor += section.units.count
                similarities[index] = zip(slice, slice.dropFirst()).map { Self.cosine($0, $1) }
            }
        }
        var drafts: [ChunkDraft] = []
        for (index, section) in sections.enumerated() {
            drafts += pack(section, similarities: similarities[index], language: document.language)
        }
        drafts += tableChunks(document)
        return drafts
    }

    // MARK: Sections

    func sections(of document: ParsedDocument) -> [Section] {
        var sections: [Section] = []
        var headingPath: [String] = []
        var current: Section?
        var slideTitles: [Int: String] = [:]
        for block in document.blocks where block.role == .slideTitle { if let slide = block.slide { slideTitles[slide] = block.text } }
        var seenFurniture = Set<String>()
        // A heading whose section turned out empty still says something: it is indexed on its own.
        var headingWithoutBody: DocumentBlock?

        func flush() {
            if let section = current, !section.units.isEmpty { sections.append(section) }
            current = nil
        }
        func keepBodilessHeading() {
            guard let heading = headingWithoutBody else { return }
            headingWithoutBody = nil
            let text = heading.text.trimmingCharacters(in: .whitespacesAndNewlines)
            sections.append(Section(headingPath: Array(headingPath.dropLast()), structure: "heading", slide: heading.slide,
                                    slideTitle: heading.slide.flatMap { slideTitles[$0] },
                                    units: [Unit(text: text, page: heading.page, bbox: heading.bbox, tokens: tokenCount(text))]))
        }
        func add(_ block: DocumentBlock, structure: String, separate: Bool = false) {
            let slide = block.slide
            if separate || current == nil || current?.structure != structure || current?.slide != slide {
                flush()
                current = Section(headingPath: headingPath, structure: structure, slide: slide, slideTitle: slide.flatMap { slideTitles[$0] })
            }
            let sentences = splitter.split(block.text).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            for sentence in sentences.isEmpty ? [] : sentences {
                current?.units.append(Unit(text: sentence, page: block.page, bbox: block.bbox, tokens: tokenCount(sentence)))
            }
        }

        for block in document.blocks.sorted(by: { $0.order < $1.order }) {
            let text = block.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if case .heading = block.role {} else if block.role != .slideTitle, block.role != .tableRow { headingWithoutBody = nil }
            switch block.role {
            case .heading(let level):
                flush()
                keepBodilessHeading()
                headingPath = Array(headingPath.prefix(max(0, level - 1))) + [text]
                headingWithoutBody = block
            case .slideTitle:
                flush()
                keepBodilessHeading()
                headingPath = [text]
                headingWithoutBody = block
            case .tableRow:
                continue // tables are chunked from their structured form
            case .speakerNotes:
                add(block, structure: "speaker_notes", separate: current?.structure != "speaker_notes")
            case .comment:
                add(block, structure: "comment", separate: true)
            case .header, .footer:
                // Running heads repeat on every page: index each distinct one once.
                if seenFurniture.insert(text).inserted { add(block, structure: "page_furniture", separate: true) }
            case .listItem:
                add(block, structure: block.slide != nil ? "slide" : "list")
            case .code:
                add(block, structure: "code")
            case .paragraph, .caption, .footnote:
                add(block, structure: block.slide != nil ? "slide" : "paragraph")
            }
        }
        flush()
        keepBodilessHeading()
        return sections
    }

    // MARK: Packing

    func pack(_ section: Section, similarities: [Float], language: String?) -> [ChunkDraft] {
        let semantic = !similarities.isEmpty
        // A boundary candidate: the section's lowest quarter of similarities, or below the threshold.
        let sorted = similarities.sorted()
        let quartile = sorted.isEmpty ? -1 : sorted[sorted.count / 4]
        var drafts: [ChunkDraft] = []
        var current: [Unit] = []
        var tokens = 0
        var pendingScore: Float?

        func close(_ boundary: String, score: Float?) {
            guard !current.isEmpty else { return }
            let body = current.map(\.text).joined(separator: " ")
            let heading = section.headingPath.joined(separator: " › ")
            let content = heading.isEmpty || section.structure == "speaker_notes" && section.headingPath.isEmpty ? body : heading + "\n" + body
            let page = current.first?.page
            let boxes = current.filter { $0.page == page }.compactMap(\.bbox)
            var metadata: [String: String] = [:]
            if !heading.isEmpty { metadata["heading_path"] = heading }
            if let slide = section.slide { metadata["slide"] = String(slide) }
            if let title = section.slideTitle { metadata["slide_title"] = title }
            drafts.append(ChunkDraft(
                content: content, kind: .document, pageNumber: page ?? section.slide, bbox: BoundingBox.union(boxes), language: language,
                tokenCount: tokenCount(content), chunkingStrategy: semantic ? "semantic" : "structure", semanticScore: score ?? pendingScore,
                structureType: section.slide != nil && section.structure != "speaker_notes" ? "slide" : section.structure,
                boundaryType: boundary, metadata: metadata))
            current = []
            tokens = 0
            pendingScore = nil
        }

        for (index, unit) in section.units.enumerated() {
            if !current.isEmpty {
                let similarity = index - 1 < similarities.count ? similarities[index - 1] : nil
                if tokens + unit.tokens > targetTokens {
                    close("size_limit", score: similarity)
                } else if let similarity, tokens >= minTokens, similarity < dropThreshold || similarity <= quartile {
                    close("semantic_drop", score: similarity)
                }
            }
            current.append(unit)
            tokens += unit.tokens
        }
        close(section.structure == "heading_section" ? "heading" : "end", score: nil)
        return drafts
    }

    // MARK: Tables

    /// Rows as "header: value | header: value" lines, packed into chunks with the caption.
    func tableChunks(_ document: ParsedDocument) -> [ChunkDraft] {
        var drafts: [ChunkDraft] = []
        for (index, table) in document.tables.enumerated() {
            guard let header = table.rows.first else { continue }
            let caption = table.caption ?? "Table \(index + 1)"
            let body = table.rows.count > 1 ? Array(table.rows.dropFirst()) : table.rows
            var lines: [String] = []
            var tokens = tokenCount(caption)
            func close() {
                guard !lines.isEmpty else { return }
                let content = ([caption] + lines).joined(separator: "\n")
                drafts.append(ChunkDraft(
                    content: content, kind: .table, pageNumber: table.page ?? table.slide, bbox: table.bbox, language: document.language,
                    tokenCount: tokenCount(content), chunkingStrategy: "structure", structureType: "table", boundaryType: "size_limit",
                    metadata: ["table_index": String(index)]))
                lines = []
                tokens = tokenCount(caption)
            }
            for row in body {
                let line = row.enumerated().map { column, cell in
                    let name = column < header.count && table.rows.count > 1 ? header[column].trimmingCharacters(in: .whitespaces) : ""
                    return name.isEmpty ? cell : "\(name): \(cell)"
                }.joined(separator: " | ")
                let count = tokenCount(line)
                if tokens + count > targetTokens { close() }
                lines.append(line)
                tokens += count
            }
            close()
        }
        return drafts
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for i in 0..<min(a.count, b.count) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }
}
