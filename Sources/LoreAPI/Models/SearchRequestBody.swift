import Foundation
import LoreCore
import LoreSearch

/// `POST /v1/search` body. Unknown fields — at the top level and inside `filters` — are errors.
struct SearchRequestBody: StrictRequest {
    let query: String
    let mode: SearchMode?
    let filters: FiltersBody?
    let limit: Int?
    let cursor: String?
    let groupByMedia: Bool?
    let rerank: Bool?

    enum Keys: String, CodingKey, CaseIterable {
        case query, mode, filters, limit, cursor, rerank
        case groupByMedia = "group_by_media"
    }
    typealias CodingKeys = Keys

    struct FiltersBody: Decodable {
        let kinds: [MediaKind]?
        let sources: [MediaSource]?
        let contentKinds: [ChunkKind]?
        let mediaIDs: [UUID]?
        let speakers: [String]?
        let languages: [String]?
        let tags: [String]?
        let from: Date?
        let to: Date?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kinds, sources, speakers, languages, tags, from, to
            case contentKinds = "content_kinds"
            case mediaIDs = "media_ids"
        }

        init(from decoder: any Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            let known = Set(CodingKeys.allCases.map(\.stringValue))
            if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
                throw LoreError(.unknownField, "unknown filter \"\(unknown)\"; allowed: \(known.sorted().joined(separator: ", "))")
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kinds = try container.decodeIfPresent([MediaKind].self, forKey: .kinds)
            sources = try container.decodeIfPresent([MediaSource].self, forKey: .sources)
            contentKinds = try container.decodeIfPresent([ChunkKind].self, forKey: .contentKinds)
            mediaIDs = try container.decodeIfPresent([UUID].self, forKey: .mediaIDs)
            speakers = try container.decodeIfPresent([String].self, forKey: .speakers)
            languages = try container.decodeIfPresent([String].self, forKey: .languages)
            tags = try container.decodeIfPresent([String].self, forKey: .tags)
            from = try container.decodeIfPresent(Date.self, forKey: .from)
            to = try container.decodeIfPresent(Date.self, forKey: .to)
            let lists = [speakers, languages, tags].compactMap { $0 }
            if lists.contains(where: { $0.count > 100 || $0.contains { $0.count > 200 } }) || (mediaIDs?.count ?? 0) > 1000 {
                throw LoreError(.invalidArgument, "filters hold at most 100 values of at most 200 characters (1,000 media ids)")
            }
        }

        var filters: SearchFilters {
            SearchFilters(kinds: kinds ?? [], sources: sources ?? [], contentKinds: contentKinds ?? [],
                          mediaIDs: (mediaIDs ?? []).map { MediaID($0) }, speakers: speakers ?? [], languages: languages ?? [],
                          tags: (tags ?? []).map { $0.lowercased() }, from: from, to: to)
        }
    }

    var request: SearchRequest {
        SearchRequest(query: query, mode: mode ?? .hybrid, filters: filters?.filters ?? SearchFilters(), limit: limit ?? 10,
                      cursor: cursor, groupByMedia: groupByMedia ?? false, rerank: rerank ?? false)
    }
}

struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init?(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}
