import Crypto
import Foundation
import Logging
import LoreCore
import LoreDatabase
import Metrics

/// Vector, keyword and hybrid search inside one organisation, with deep-linked results.
public final class SearchService: Sendable {
    let database: Database
    let embedders: [String: any Embedder]
    let reranker: (any Reranker)?
    let settings: SearchSettings
    let cursors: SearchCursor
    let queryCache: QueryEmbeddingCache
    /// Each organisation's search setup as its last search read it (see `search(org:_:known:mayRetry:)`).
    let setups = RecentlyUsed<OrgID, SearchSetup>(capacity: 10_000)
    let recorder: PerformanceRecorder?
    let logger: Logger

    /// - Parameters:
    ///   - embedders: every embedding model this installation can run, by model name; chunks
    ///     are always searched with the model that indexed them.
    ///   - cursorSecret: key that signs page cursors (stable across restarts of one installation).
    public init(database: Database, embedders: [any Embedder], reranker: (any Reranker)? = nil, settings: SearchSettings = SearchSettings(),
                cursorSecret: [UInt8], queryCache: QueryEmbeddingCache = QueryEmbeddingCache(), recorder: PerformanceRecorder? = nil,
                logger: Logger) {
        self.database = database
        self.embedders = Dictionary(embedders.map { ($0.model.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.reranker = reranker
        self.settings = settings
        self.cursors = SearchCursor(secret: cursorSecret)
        self.queryCache = queryCache
        self.recorder = recorder
        self.logger = logger
    }

    public func search(org: OrgID, _ request: SearchRequest) async throws -> SearchResponse {
        try await search(org: org, request, known: setups[org], mayRetry: true)
    }

    /// `known`: the organisation's setup as an earlier search read it. The query is embedded for
    /// its models before the transaction opens, and the transaction reads the setup again and
    /// follows that (one transaction instead of two); should the organisation have gained a
    /// model meanwhile, the search starts over once with what it found.
    private func search(org: OrgID, _ request: SearchRequest, known: SearchSetup?, mayRetry: Bool) async throws -> SearchResponse {
        let started = ContinuousClock.now
        let plan = try Plan(request, org: org, settings: settings, cursors: cursors, reranker: reranker != nil)
        let assumed: SearchSetup
        if let known { assumed = known } else { assumed = try await database.withOrg(org) { tx in try await tx.searchSetup() } }
        let vectors = plan.mode == .keyword ? [:] : try await embed(plan.query, for: assumed.profiles, mode: plan.mode, org: org)

        // Retrieve, fuse and hydrate in one transaction, opened with what the dedicated indexes' scans need.
        let efSearch = assumed.profiles.filter { $0.route == .dedicated && vectors[$0.model] != nil }.map { settings.efSearch(for: $0) }.max()
        let transaction = efSearch.map { TransactionSettings.vectorSearch(route: .dedicated, efSearch: $0, limit: plan.vectorDepth) }
            ?? TransactionSettings()
        let outcome = try await database.withOrg(org, settings: transaction, onConnectionLoop: true) { tx -> TransactionOutcome in
            let setup = known == nil ? assumed : try await tx.searchSetup()
            let newModels = setup.profiles.filter { vectors[$0.model] == nil && embedders[$0.model] != nil }
            if plan.mode != .keyword, !newModels.isEmpty, mayRetry { return .setupChanged(setup) }
            return .found(try await retrieve(plan, setup: setup, vectors: vectors, in: tx), setup)
        }
        let retrieved: Retrieved
        switch outcome {
        case let .setupChanged(setup):
            setups.set(setup, for: org)
            return try await search(org: org, request, known: setup, mayRetry: false)
        case let .found(found, setup):
            if setup != known { setups.set(setup, for: org) }
            retrieved = found
        }

        let (ordered, rerankerName) = try await rerank(retrieved, plan)
        var results = ordered.dropFirst(plan.offset).prefix(request.limit).compactMap { item -> SearchHit? in
            guard let hit = retrieved.hits[item.id.id] else { return nil }
            return Self.result(hit, score: item.score, vectorRank: item.ranks.first ?? nil, keywordRank: item.ranks.last ?? nil)
        }
        if request.groupByMedia { results = Self.grouped(results, relatedPerMedia: settings.relatedPerMedia) }
        let hasMore = ordered.count > plan.pageEnd

        let ms = (ContinuousClock.now - started).milliseconds
        Timer(label: "lore_search_duration_seconds", dimensions: [("mode", plan.mode.rawValue)]).recordNanoseconds(Int64(ms * 1e6))
        recorder?.record(org: org, operation: "search.\(plan.mode.rawValue)", durationMs: ms, units: Int64(results.count))
        return SearchResponse(
            query: plan.query, mode: plan.mode, hits: results,
            nextCursor: hasMore ? cursors.encode(offset: plan.pageEnd, org: org, fingerprint: plan.fingerprint) : nil,
            tookMs: ms, models: retrieved.models, reranker: rerankerName)
    }

    /// One request's normalised query and the depths its lists are read to.
    private struct Plan: Sendable {
        let request: SearchRequest
        let query: String, keyword: KeywordQuery
        /// Binds cursors to this request.
        let fingerprint: String
        let offset: Int
        /// Candidates from the keyword list, and from each vector list.
        let depth: Int, vectorDepth: Int
        /// How many of the fused results go to the re-ranker (nil: the request is not re-ranked).
        let rerankEnd: Int?

        /// `reranker`: whether the service has one.
        init(_ request: SearchRequest, org: OrgID, settings: SearchSettings, cursors: SearchCursor, reranker: Bool) throws {
            self.request = request
            query = try request.normalisedQuery()
            keyword = KeywordQuery(query)
            let fingerprint = SearchService.fingerprint(query: query, request: request)
            self.fingerprint = fingerprint
            let offset = try request.cursor.map { try cursors.decode($0, org: org, fingerprint: fingerprint) } ?? 0
            self.offset = offset
            let rerankEnd = request.rerank && reranker ? max(settings.rerankDepth, offset + request.limit) : nil
            self.rerankEnd = rerankEnd
            let needed = max(offset + request.limit + 1, rerankEnd ?? 0)
            depth = min(1_000, max(settings.candidateDepth, needed))
            vectorDepth = min(depth, max(settings.vectorCandidateDepth ?? depth, needed))
        }

        var mode: SearchMode { request.mode }
        /// Where this page ends in the ordered results.
        var pageEnd: Int { offset + request.limit }
    }

    /// Fused candidates, the details of those that may be shown (or re-ranked), and the models queried.
    private struct Retrieved: Sendable {
        var fused: [ReciprocalRankFusion.Fused<ChunkKey>]
        var hits: [UUID: ChunkHit]
        var models: [String]
    }

    /// What the search transaction found, or the newer setup it found instead.
    private enum TransactionOutcome: Sendable {
        case found(Retrieved, SearchSetup)
        case setupChanged(SearchSetup)
    }

    /// The candidate lists (one per embedding model, then keywords), fused, with per-list ranks
    /// kept as (vector, keyword), and the details of the window that may be shown.
    private func retrieve(_ plan: Plan, setup: SearchSetup, vectors: [String: [Float]], in tx: TenantTransaction) async throws -> Retrieved {
        let filters = plan.request.filters
        let vectorQueries = setup.profiles.compactMap { profile in vectors[profile.model].map { (profile, $0) } }
        var lists: [[ChunkKey]] = []
        var weights: [Double] = []
        if plan.mode != .keyword {
            for (profile, vector) in vectorQueries {
                let candidates = try await tx.nearestChunks(model: profile.model, strategy: profile.strategy, vector: vector,
                                                            route: profile.route, filters: filters, limit: plan.vectorDepth,
                                                            efSearch: settings.efSearch(for: profile))
                lists.append(candidates.map { ChunkKey(id: $0.id, createdAt: $0.createdAt) })
                weights.append(settings.vectorWeight)
            }
        }
        let vectorLists = lists.count
        if plan.mode != .vector {
            let corpusSize = setup.profiles.reduce(0) { $0 + $1.chunkCount }
            let candidates = try await tx.keywordChunks(plan.keyword.search, config: setup.textSearchConfig, corpusSize: corpusSize,
                                                        filters: filters, limit: plan.depth, ranking: settings.keywordRanking)
            lists.append(candidates.map { ChunkKey(id: $0.id, createdAt: $0.createdAt) })
            weights.append(settings.keywordWeight)
        }
        let fused = ReciprocalRankFusion(k: settings.rrfK, weights: weights).fuse(lists).map { item in
            var item = item
            let vectorRank = item.ranks.prefix(vectorLists).compactMap { $0 }.min()
            let keywordRank = plan.mode == .vector ? nil : item.ranks.last ?? nil
            item.ranks = [vectorRank, keywordRank]
            return item
        }
        let window = plan.rerankEnd.map { Array(fused.prefix($0)) } ?? Array(fused.dropFirst(plan.offset).prefix(plan.request.limit))
        let hits = try await tx.hydrateChunks(window.map { ($0.id.id, $0.id.createdAt) },
                                              highlightQuery: plan.mode == .vector ? nil : plan.keyword.highlightText,
                                              config: setup.textSearchConfig)
        return Retrieved(fused: fused, hits: hits, models: vectorQueries.map(\.0.model))
    }

    /// The fused order, or the re-ranker's over its window when the request asks for it (with its name).
    private func rerank(_ retrieved: Retrieved, _ plan: Plan) async throws -> ([ReciprocalRankFusion.Fused<ChunkKey>], String?) {
        guard let end = plan.rerankEnd, let reranker else { return (retrieved.fused, nil) }
        let top = Array(retrieved.fused.prefix(end))
        let texts = top.map { retrieved.hits[$0.id.id]?.content ?? "" }
        let scores = try await reranker.rerank(query: plan.query, documents: texts)
        guard scores.count == top.count else { throw LoreError(.upstreamError, "the re-ranker returned \(scores.count) scores for \(top.count) documents") }
        let ordered = zip(top, scores).sorted { $0.1 > $1.1 }.map { item, score in
            var item = item
            item.score = score
            return item
        }
        return (ordered, reranker.name)
    }

    /// The query embedded with each model of `profiles` that this installation runs, by model name.
    private func embed(_ query: String, for profiles: [SearchProfile], mode: SearchMode, org: OrgID) async throws -> [String: [Float]] {
        var vectors: [String: [Float]] = [:]
        for profile in profiles where vectors[profile.model] == nil {
            guard let embedder = embedders[profile.model] else {
                if mode == .vector {
                    throw LoreError(.noEmbedder, "this organisation's chunks were embedded with \(profile.model), which is not configured")
                }
                logger.warning("skipping an embedding model that is not configured", metadata: ["model": "\(profile.model)"])
                continue
            }
            vectors[profile.model] = try await UsageAttribution.$organization.withValue(org.description) {
                try await queryCache.embedding(for: query, with: embedder)
            }
        }
        return vectors
    }

    // MARK: Results

    static func result(_ hit: ChunkHit, score: Double, vectorRank: Int?, keywordRank: Int?) -> SearchHit {
        let media = "/v1/media/\(hit.mediaID)"
        let link: DeepLink
        if let start = hit.startSeconds {
            let end = hit.endSeconds ?? start
            link = DeepLink(kind: .time, contentURL: "\(media)/content#t=\(Self.seconds(start)),\(Self.seconds(end))",
                            start: start, end: end, page: nil, frameTime: hit.frameTime,
                            thumbnailURL: hit.frameTime.map { "\(media)/thumbnail?t=\(Self.seconds($0))" })
        } else if let page = hit.pageNumber {
            link = DeepLink(kind: .page, contentURL: "\(media)/content#page=\(page)", start: nil, end: nil, page: page,
                            frameTime: nil, thumbnailURL: nil, box: hit.bbox)
        } else if let frame = hit.frameTime {
            link = DeepLink(kind: .frame, contentURL: "\(media)/content#t=\(Self.seconds(frame))", start: frame, end: nil, page: nil,
                            frameTime: frame, thumbnailURL: "\(media)/thumbnail?t=\(Self.seconds(frame))")
        } else {
            link = DeepLink(kind: .media, contentURL: "\(media)/content", start: nil, end: nil, page: nil, frameTime: nil,
                            thumbnailURL: hit.mediaKind == .image ? "\(media)/thumbnail" : nil, box: hit.bbox)
        }
        return SearchHit(chunkID: hit.id, mediaID: hit.mediaID, title: hit.mediaTitle, mediaKind: hit.mediaKind, source: hit.mediaSource,
                         contentKind: hit.contentKind, text: hit.content, snippet: hit.headline ?? Self.plainSnippet(hit.content),
                         score: score, vectorRank: vectorRank, keywordRank: keywordRank, speakers: hit.speakers,
                         language: hit.language, link: link, related: nil)
    }

    static func grouped(_ hits: [SearchHit], relatedPerMedia: Int) -> [SearchHit] {
        var order: [MediaID] = []
        var groups: [MediaID: SearchHit] = [:]
        for hit in hits {
            if var best = groups[hit.mediaID] {
                if (best.related?.count ?? 0) < relatedPerMedia { best.related = (best.related ?? []) + [hit] }
                groups[hit.mediaID] = best
            } else {
                order.append(hit.mediaID)
                var first = hit
                first.related = []
                groups[hit.mediaID] = first
            }
        }
        return order.compactMap { groups[$0] }
    }

    /// The first ~240 characters at a word boundary, HTML-escaped like `ts_headline` output is not.
    static func plainSnippet(_ text: String) -> String {
        let limit = 240
        guard text.count > limit else { return text }
        let prefix = text.prefix(limit)
        let cut = prefix.lastIndex(of: " ") ?? prefix.endIndex
        return String(prefix[..<cut]) + " …"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Binds a cursor to the request it came from (same query, mode, filters and options).
    static func fingerprint(query: String, request: SearchRequest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let filters = (try? encoder.encode(request.filters)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let text = "\(query)|\(request.mode.rawValue)|\(filters)|\(request.groupByMedia)|\(request.rerank)|\(request.limit)"
        return SHA256.hash(data: Data(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// Identifies a chunk (its key in the partitioned table).
struct ChunkKey: Hashable, Sendable {
    let id: UUID
    let createdAt: Date
}
