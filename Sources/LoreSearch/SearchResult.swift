import Foundation
import LoreCore

/// Where a hit points: the exact moment of a recording, page of a document or frame of a screen.
public struct DeepLink: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case time, page, frame, media }
    public var kind: Kind
    /// The original file with a standard fragment: `#t=start,end` (W3C media fragments) or `#page=N` (PDF).
    public var contentURL: String
    public var start: Double?
    public var end: Double?
    public var page: Int?
    public var frameTime: Double?
    public var thumbnailURL: String?
    /// Where on the page or picture: `[x, y, width, height]` (PDF points from the page's top
    /// left for documents, pixels for pictures), when the chunk has a place.
    public var box: [Double]?

    enum CodingKeys: String, CodingKey {
        case kind, start, end, page, box
        case contentURL = "content_url"
        case frameTime = "frame_time"
        case thumbnailURL = "thumbnail_url"
    }
}

/// One result.
public struct SearchHit: Sendable, Codable {
    public var chunkID: UUID
    public var mediaID: MediaID
    public var title: String
    public var mediaKind: MediaKind
    public var source: MediaSource
    public var contentKind: ChunkKind
    public var text: String
    /// Text around the matches with `<mark>` around query terms.
    public var snippet: String
    public var score: Double
    /// 1-based positions in each retrieval list (nil when absent from that list).
    public var vectorRank: Int?
    public var keywordRank: Int?
    public var speakers: [String]
    public var language: String?
    public var link: DeepLink
    /// More hits of the same media item when results are grouped.
    public var related: [SearchHit]?

    enum CodingKeys: String, CodingKey {
        case title, source, text, snippet, score, speakers, language, link, related
        case chunkID = "chunk_id"
        case mediaID = "media_id"
        case mediaKind = "media_kind"
        case contentKind = "content_kind"
        case vectorRank = "vector_rank"
        case keywordRank = "keyword_rank"
    }
}

public struct SearchResponse: Sendable, Codable {
    public var query: String
    public var mode: SearchMode
    public var hits: [SearchHit]
    public var nextCursor: String?
    public var tookMs: Double
    /// Embedding models the vector part queried with (the same that indexed the chunks).
    public var models: [String]
    public var reranker: String?

    enum CodingKeys: String, CodingKey {
        case query, mode, hits, models, reranker
        case nextCursor = "next_cursor"
        case tookMs = "took_ms"
    }
}
