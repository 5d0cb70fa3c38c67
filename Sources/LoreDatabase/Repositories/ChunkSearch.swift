import Foundation
import LoreCore
import PostgresNIO

/// A chunk found by one retrieval method, before hydration.
public struct ChunkCandidate: Sendable, Equatable {
    public var id: UUID
    public var createdAt: Date
    /// Cosine distance (vector) or rank score (keyword); lower is better for distance, higher for score.
    public var score: Double
}

/// Everything a search hit shows about its chunk and media item.
public struct ChunkHit: Sendable {
    public var id: UUID
    public var mediaID: MediaID
    public var mediaTitle: String
    public var mediaKind: MediaKind
    public var mediaSource: MediaSource
    public var contentKind: ChunkKind
    public var content: String
    public var headline: String?
    public var startSeconds: Double?
    public var endSeconds: Double?
    public var speakers: [String]
    public var pageNumber: Int?
    public var bbox: [Double]?
    public var frameTime: Double?
    public var language: String?
    public var metadataJSON: String
}

/// How one organisation's vector search runs (see `search_profiles`).
public enum VectorRoute: String, Sendable {
    /// Scan the organisation's rows: exact, and fastest while the organisation is small.
    case exact
    /// The organisation's own partial HNSW indexes.
    case dedicated
}

public struct SearchProfile: Sendable, Equatable {
    public var model: String
    public var strategy: EmbeddingStrategy
    public var chunkCount: Int64
    public var route: VectorRoute
    /// The HNSW candidate list measured on the organisation's vectors (nil: not measured).
    public var efSearch: Int?

    public init(model: String, strategy: EmbeddingStrategy, chunkCount: Int64, route: VectorRoute, efSearch: Int? = nil) {
        (self.model, self.strategy, self.chunkCount, self.route, self.efSearch) = (model, strategy, chunkCount, route, efSearch)
    }
}

/// What a search in one organisation needs to know first: the embedding models its chunks use
/// (with their size and route) and its text-search configuration.
public struct SearchSetup: Sendable, Equatable {
    public var profiles: [SearchProfile]
    public var textSearchConfig: String

    public init(profiles: [SearchProfile], textSearchConfig: String) {
        (self.profiles, self.textSearchConfig) = (profiles, textSearchConfig)
    }
}

extension TenantTransaction {
    /// The organisation's search setup, in one statement.
    public func searchSetup() async throws -> SearchSetup {
        var profiles: [SearchProfile] = []
        var config = "english"
        let found = try await rows("""
            SELECT o.text_search_config::text, p.embedding_model, p.strategy, p.chunk_count, p.route, p.ef_search
              FROM organizations o LEFT JOIN search_profiles p ON p.org_id = o.id AND p.chunk_count > 0
             WHERE o.id = \(org.uuid) ORDER BY p.chunk_count DESC NULLS LAST
            """)
        for row in found {
            let (textSearchConfig, model, strategy, count, route, ef) = try row.decode((String, String?, String?, Int64?, String?, Int32?).self)
            config = textSearchConfig
            guard let model, let strategy, let count, let route else { continue }
            profiles.append(SearchProfile(model: model, strategy: EmbeddingStrategy(rawValue: strategy) ?? .lightweight, chunkCount: count,
                                          route: VectorRoute(rawValue: route) ?? .exact, efSearch: ef.map(Int.init)))
        }
        return SearchSetup(profiles: profiles, textSearchConfig: config)
    }

    /// Nearest chunks by cosine distance, within this organisation and model.
    ///
    /// `exact` scans the organisation's rows (through the `(org_id, embedding_model)` btree) in
    /// a materialised step the planner cannot turn into an HNSW scan (without filters, in
    /// `lore.exact_nearest_chunks`' generic plan); `dedicated` lets the
    /// organisation's own partial HNSW index (on halfvec) order the rows, with iterative scans
    /// so filters do not starve the result. Filtered statements bind every value and are planned
    /// each time (unnamed statements always get custom plans, in which a bound org id is a
    /// constant the partial indexes' predicates can be proved against).
    public func nearestChunks(model: String, strategy: EmbeddingStrategy, vector: [Float], route: VectorRoute,
                              filters: SearchFilters, limit: Int, efSearch: Int = 100) async throws -> [ChunkCandidate] {
        let column = VectorText.column(strategy)
        let text = VectorText.encode(vector)
        var sql = SQLBuilder()
        switch route {
        case .exact where filters.isEmpty:
            // One generic plan per connection for every organisation (migration 11).
            return try Self.candidates(await rows("""
                SELECT id, created_at, distance FROM lore.exact_nearest_chunks(\(model), \(strategy.rawValue), \(text), \(limit)::integer)
                """))
        case .exact:
            sql.raw("WITH scored AS MATERIALIZED (SELECT c.id, c.created_at, c.\(column.name) <=> ")
            sql.bind(text)
            sql.raw("::\(column.type) AS distance FROM lore.chunks c")
            appendFilters(&sql, model: model, filters: filters, requireVector: column.name)
            sql.raw(") SELECT id, created_at, distance FROM scored ORDER BY distance LIMIT ")
            sql.bind(limit)
        case .dedicated:
            // Unless the transaction was opened with them (`Database.withOrg(_:settings:)`).
            let needed = TransactionSettings.vectorSearch(route: route, efSearch: efSearch, limit: limit)
            if !settings.includes(needed) { try await query(needed.statement(org: nil)) }
            let dims = strategy.dimensions
            let halfExpression = strategy == .highQuality ? "c.\(column.name)" : "(c.\(column.name)::halfvec(\(dims)))"
            if filters.isEmpty, SearchIndexManager.isSafeModelName(model) {
                // Organisation, model and limit as literals, prepared once per connection: after
                // five custom plans the server keeps a generic one that still names this
                // organisation's partial indexes, and stops planning each query.
                let rows = try await runPrepared("""
                    SELECT id, created_at, distance FROM (SELECT c.id, c.created_at, \(halfExpression) <=> $1 AS distance
                      FROM lore.chunks c WHERE c.org_id = '\(org.uuid)'::uuid AND c.embedding_model = '\(model)' AND c.\(column.name) IS NOT NULL
                     ORDER BY distance LIMIT \(limit)) nearest ORDER BY distance
                    """, arguments: [(text, "halfvec(\(dims))")])
                return try Self.candidates(rows)
            }
            sql.raw("SELECT id, created_at, distance FROM (SELECT c.id, c.created_at, \(halfExpression) <=> ")
            sql.bind(text)
            sql.raw("::halfvec(\(dims)) AS distance FROM lore.chunks c")
            appendFilters(&sql, model: model, filters: filters, requireVector: column.name)
            sql.raw(" ORDER BY distance LIMIT ")
            sql.bind(limit)
            sql.raw(") nearest ORDER BY distance")
        }
        return try Self.candidates(await rows(sql.query))
    }

    private static func candidates(_ rows: [PostgresRow]) throws -> [ChunkCandidate] {
        try rows.map { row in
            let (id, created, distance) = try row.decode((UUID, Date, Double).self)
            return ChunkCandidate(id: id, createdAt: created, score: distance)
        }
    }

    /// Details of chunks for display, with query terms highlighted (`<mark>…</mark>`) when given.
    public func hydrateChunks(_ ids: [(UUID, Date)], highlightQuery: String?, config: String) async throws -> [UUID: ChunkHit] {
        guard !ids.isEmpty else { return [:] }
        // One generic plan per connection (migration 12); the highlight query is built once, as
        // the function's argument.
        var sql = SQLBuilder()
        sql.raw("SELECT * FROM lore.chunk_details(")
        sql.bind(ids.map(\.0))
        sql.raw("::uuid[], ")
        sql.bind(ids.map(\.1))
        sql.raw("::timestamptz[], ")
        if let highlightQuery {
            sql.raw("websearch_to_tsquery(")
            sql.bind(config)
            sql.raw("::regconfig, ")
            sql.bind(highlightQuery)
            sql.raw("))")
        } else {
            sql.raw("NULL)")
        }
        var result: [UUID: ChunkHit] = [:]
        for row in try await rows(sql.query) {
            let columns = try row.decode((UUID, UUID, String, String, String, String, String, String?, Double?, Double?, [String], Int?, [Double]?, Double?, String?, String).self)
            result[columns.0] = ChunkHit(
                id: columns.0, mediaID: MediaID(columns.1), mediaTitle: columns.2, mediaKind: MediaKind(rawValue: columns.3) ?? .unknown,
                mediaSource: MediaSource(rawValue: columns.4) ?? .upload, contentKind: ChunkKind(rawValue: columns.5) ?? .document,
                content: columns.6, headline: columns.7, startSeconds: columns.8, endSeconds: columns.9, speakers: columns.10,
                pageNumber: columns.11, bbox: columns.12, frameTime: columns.13, language: columns.14, metadataJSON: columns.15)
        }
        return result
    }

    /// WHERE clause for the organisation, model and filters (media filters join the media row).
    func appendFilters(_ sql: inout SQLBuilder, model: String?, filters: SearchFilters, requireVector: String?) {
        if filters.needsMedia {
            sql.raw(" JOIN lore.media m ON m.org_id = c.org_id AND m.id = c.media_id")
        }
        sql.raw(" WHERE c.org_id = ")
        sql.bind(org.uuid)
        if let model {
            sql.raw(" AND c.embedding_model = ")
            sql.bind(model)
        }
        if let requireVector { sql.raw(" AND c.\(requireVector) IS NOT NULL") }
        if !filters.kinds.isEmpty { sql.raw(" AND m.kind = ANY("); sql.bind(filters.kinds.map(\.rawValue)); sql.raw("::text[])") }
        if !filters.sources.isEmpty { sql.raw(" AND m.source = ANY("); sql.bind(filters.sources.map(\.rawValue)); sql.raw("::text[])") }
        if !filters.tags.isEmpty { sql.raw(" AND m.tags && "); sql.bind(filters.tags); sql.raw("::text[]") }
        if let from = filters.from { sql.raw(" AND coalesce(m.recorded_at, m.created_at) >= "); sql.bind(from) }
        if let to = filters.to { sql.raw(" AND coalesce(m.recorded_at, m.created_at) < "); sql.bind(to) }
        if !filters.contentKinds.isEmpty { sql.raw(" AND c.content_kind = ANY("); sql.bind(filters.contentKinds.map(\.rawValue)); sql.raw("::text[])") }
        if !filters.mediaIDs.isEmpty { sql.raw(" AND c.media_id = ANY("); sql.bind(filters.mediaIDs.map(\.uuid)); sql.raw("::uuid[])") }
        if !filters.speakers.isEmpty { sql.raw(" AND c.speakers && "); sql.bind(filters.speakers); sql.raw("::text[]") }
        if !filters.languages.isEmpty { sql.raw(" AND c.language = ANY("); sql.bind(filters.languages); sql.raw("::text[])") }
    }
}
