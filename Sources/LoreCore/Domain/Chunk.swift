/// What a chunk was made from.
public enum ChunkKind: String, Sendable, Codable, CaseIterable {
    case transcript, document, ocr, frame, table, description
}

/// A searchable piece of a media item before it is embedded and stored, with the provenance a
/// deep link needs: a time range (and speakers) for recordings, a page (and box) for
/// documents, a frame time for screens.
public struct ChunkDraft: Sendable, Equatable {
    public var content: String
    public var kind: ChunkKind
    public var startSeconds: Double?
    public var endSeconds: Double?
    public var speakers: [String]
    public var pageNumber: Int?
    public var bbox: BoundingBox?
    public var frameTime: Double?
    public var language: String?
    public var tokenCount: Int?
    /// How the boundaries were chosen: `time_aligned`, `structure`, `semantic`, `slide_span`, `image`.
    public var chunkingStrategy: String?
    /// Similarity between this chunk's last sentence and the next chunk's first (semantic chunking).
    public var semanticScore: Float?
    /// What the chunk is made of: `paragraph`, `heading_section`, `list`, `table`, `slide`, `speaker_notes`, `speech`, `screen`.
    public var structureType: String?
    /// Why the chunk ends here: `heading`, `semantic_drop`, `size_limit`, `page_break`, `slide_change`, `end`.
    public var boundaryType: String?
    /// Small extra facts for display (heading path, slide title, sheet name…).
    public var metadata: [String: String]

    public init(content: String, kind: ChunkKind, startSeconds: Double? = nil, endSeconds: Double? = nil, speakers: [String] = [],
                pageNumber: Int? = nil, bbox: BoundingBox? = nil, frameTime: Double? = nil, language: String? = nil,
                tokenCount: Int? = nil, chunkingStrategy: String? = nil, semanticScore: Float? = nil,
                structureType: String? = nil, boundaryType: String? = nil, metadata: [String: String] = [:]) {
        self.content = content
        self.kind = kind
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.speakers = speakers
        self.pageNumber = pageNumber
        self.bbox = bbox
        self.frameTime = frameTime
        self.language = language
        self.tokenCount = tokenCount
        self.chunkingStrategy = chunkingStrategy
        self.semanticScore = semanticScore
        self.structureType = structureType
        self.boundaryType = boundaryType
        self.metadata = metadata
    }
}

/// A vector and the model and strategy that made it (search must query with the same model).
public struct ChunkEmbedding: Sendable, Equatable {
    public var strategy: EmbeddingStrategy
    public var model: String
    public var vector: [Float]
    public init(strategy: EmbeddingStrategy, model: String, vector: [Float]) {
        self.strategy = strategy
        self.model = model
        self.vector = vector
    }
}
