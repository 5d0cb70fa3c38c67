import Foundation
import LoreSearch

// The parts of the API's JSON the CLI reads (the server's `APIModels.swift`); unknown keys are
// ignored so a newer server stays readable. Media items and details decode into the shared
// `MediaSummary` / `MediaDetailView`.

/// `POST /v1/media` → `UploadResult`.
struct RemoteUploadResult: Decodable {
    let media: MediaSummary
    let duplicate: Bool
}

/// `GET /v1/media` → `MediaPage`.
struct RemoteMediaPage: Decodable {
    let items: [MediaSummary]
    let nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}

/// `GET /v1/org` → `OrganizationWithUsage` (the organisation only).
struct RemoteOrganization: Decodable {
    struct Organization: Decodable {
        let id: String
        let slug: String
        let name: String
    }
    let organization: Organization
}

/// `POST /v1/search` body (the server's `SearchRequestBody`; empty filters are left out).
struct RemoteSearchBody: Encodable {
    let request: SearchRequest

    enum CodingKeys: String, CodingKey {
        case query, mode, filters, limit, cursor, rerank
        case groupByMedia = "group_by_media"
    }

    enum FilterKeys: String, CodingKey {
        case kinds, sources, speakers, languages, tags, from, to
        case contentKinds = "content_kinds"
        case mediaIDs = "media_ids"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request.query, forKey: .query)
        try container.encode(request.mode, forKey: .mode)
        try container.encode(request.limit, forKey: .limit)
        try container.encodeIfPresent(request.cursor, forKey: .cursor)
        try container.encode(request.groupByMedia, forKey: .groupByMedia)
        try container.encode(request.rerank, forKey: .rerank)
        let f = request.filters
        guard !f.isEmpty else { return }
        var filters = container.nestedContainer(keyedBy: FilterKeys.self, forKey: .filters)
        if !f.kinds.isEmpty { try filters.encode(f.kinds, forKey: .kinds) }
        if !f.sources.isEmpty { try filters.encode(f.sources, forKey: .sources) }
        if !f.contentKinds.isEmpty { try filters.encode(f.contentKinds, forKey: .contentKinds) }
        if !f.mediaIDs.isEmpty { try filters.encode(f.mediaIDs, forKey: .mediaIDs) }
        if !f.speakers.isEmpty { try filters.encode(f.speakers, forKey: .speakers) }
        if !f.languages.isEmpty { try filters.encode(f.languages, forKey: .languages) }
        if !f.tags.isEmpty { try filters.encode(f.tags, forKey: .tags) }
        try filters.encodeIfPresent(f.from, forKey: .from)
        try filters.encodeIfPresent(f.to, forKey: .to)
    }
}
