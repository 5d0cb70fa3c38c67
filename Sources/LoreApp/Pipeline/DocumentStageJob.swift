import Foundation
import LoreCore
import LoreDatabase
import LoreJobs
import LoreMedia

/// `media.document`: a PDF, Office or text document → blocks with pages and boxes (pages
/// without a text layer OCR'd), tables in structured form, embedded images OCR'd → structure-
/// aware and semantic chunks, table chunks, and the document's facts.
public struct DocumentStageJob: JobHandler {
    public static let kind: JobKind = "media.document"
    public static var policy: JobPolicy { JobPolicy(maxAttempts: 3, timeout: .seconds(1800), lease: .seconds(60)) }

    let dependencies: PipelineDependencies

    public init(dependencies: PipelineDependencies) { self.dependencies = dependencies }

    public func run(_ payload: MediaJobPayload, context: JobContext) async throws {
        let dependencies = self.dependencies
        try await MediaStageRunner(dependencies: dependencies).run(.document, payload, context: context) { item, organization in
            let key = try BlobKey(item.blobKey)
            let ocr = try dependencies.engines.recognizing()
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lore-doc-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let parser = DocumentParser(context: DocumentParsingContext(ocr: ocr, extractsImages: true, temporaryDirectory: scratch))
            let document = try await dependencies.blobs.withLocalFile(key) { path in try await parser.parse(fileAt: path) }

            let (_, embedder) = dependencies.embeddings.choose(tier: organization.tier, importance: .of(tags: item.tags))
            // Semantic chunking compares sentence vectors: through the cache, so a document seen
            // before costs no model time (or provider tokens) again.
            var drafts = try await DocumentChunker().chunks(document, embedder: dependencies.indexer.caching(embedder, org: item.orgID))
            // Text inside embedded images (diagrams, scanned figures), one chunk per image.
            var imageWords = 0
            for image in document.images {
                guard let text = try? await ocr.recognize(EncodedImage(bytes: image.bytes), options: OCROptions(hint: .document)).text,
                      !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                var chunks = ScreenTextChunker().chunks(imageText: text, language: document.language)
                for index in chunks.indices {
                    chunks[index].pageNumber = image.page ?? image.slide
                    chunks[index].bbox = image.bbox
                    chunks[index].metadata["image"] = image.name
                }
                imageWords += text.split(whereSeparator: \.isWhitespace).count
                drafts += chunks
            }
            let tables = document.tables.map { (page: $0.page ?? $0.slide, title: $0.caption, rows: $0.rows) }
            let facts = (format: document.format.rawValue, pages: document.pageCount, title: document.title, author: document.author,
                         language: document.language)
            return StageOutput(
                drafts: drafts, language: document.language,
                details: ["format": document.format.rawValue, "pages": document.pageCount.map(String.init) ?? "-",
                          "blocks": String(document.blocks.count), "tables": String(document.tables.count),
                          "images": String(document.images.count), "ocr_pages": String(document.ocrPages.count),
                          "image_words": String(imageWords)]) { tx in
                try await tx.replaceDocumentTables(media: item.id, tables: tables)
                try await tx.saveDocumentFacts(media: item.id, format: facts.format, pageCount: facts.pages, title: facts.title,
                                               author: facts.author, language: facts.language, parser: "lore")
            }
        }
    }
}
