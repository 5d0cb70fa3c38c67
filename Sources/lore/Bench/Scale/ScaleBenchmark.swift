import AsyncHTTPClient
import Foundation
import Logging
import LoreAPI
import LoreApp
import LoreCore
import LoreDatabase
import LoreSearch
import NIOCore

/// Measures vector search per organisation-size class on synthetic data, beside the seed's design.
struct ScaleBenchmark {
    let runtime: LoreRuntime
    let dataset: ScaleDataset
    let logger: Logger

    enum SizeClass: String, CaseIterable, Encodable {
        case tiny, small, medium, big
        static func of(_ size: Int) -> SizeClass {
            size < 300 ? .tiny : size < 3_000 ? .small : size < 30_000 ? .medium : .big
        }
    }

    struct ClassResult: Encodable {
        var sizeClass: SizeClass
        var organisations: Int
        var rows: String
        var route: String
        var queries: Int
        var recall: Double
        var p50Ms: Double
        var p95Ms: Double
        /// The vector query's own round trip (planning, execution, rows), without the
        /// transaction's BEGIN, organisation and COMMIT around it.
        var queryP95Ms: Double
        var seedRecall: Double?
        var seedP50Ms: Double?
        var seedP95Ms: Double?
        var seedQueryP95Ms: Double?
        /// The seed design with `ivfflat.probes` raised until its recall reaches Lore's (the
        /// goal compares at equal or better recall); nil when its default already does.
        var seedAtEqualRecall: SeedPoint?
    }

    /// The seed design measured at one `ivfflat.probes` value.
    struct SeedPoint: Encodable {
        var probes: Int
        var queries: Int
        var recall: Double
        var p50Ms: Double
        var p95Ms: Double
        var queryP95Ms: Double
    }

    /// `ivfflat.probes` values tried, doubling up to every list (an exact scan).
    static let seedProbes = [2, 4, 8, 16, 32, 64, SeedReferenceDesign.lists]
    /// Queries per probes value: at many probes a seed query scans much of the table.
    static let seedSweepQueries = 100

    struct IndexReport: Encodable {
        /// Dedicated organisations and their partition indexes (HNSW, and keyword GIN), whenever built.
        var organisations: Int
        var indexes: Int
        var bytes: Int64
        var keywordIndexes: Int
        var keywordBytes: Int64
        /// Indexes of both kinds built by this run (none when it reuses an earlier run's), and how long that took.
        var built: Int
        var seconds: Double
        /// Organisations whose HNSW candidate list this run measured, and how long that took.
        var efSearchTuned: Int
        var efSearchTuningSeconds: Double
        var termStatisticsOrganisations: Int
        var termStatisticsSeconds: Double
        var seedIVFFlatSeconds: Double?
        var seedIVFFlatBytes: Int64?
    }

    struct HTTPReport: Encodable {
        var mode: SearchMode
        var requests: Int
        var p50Ms: Double
        var p95Ms: Double
        /// The search service's own time (the response's `took_ms`: embedding, database, fusion),
        /// of the same requests; the rest is HTTP, JSON and the client.
        var serviceP50Ms: Double
        var serviceP95Ms: Double
        var clients: Int
        var throughputPerSecond: Double
    }

    /// Dedicated partial HNSW indexes and term statistics for every organisation past the threshold.
    func buildIndexes(threshold: Int64 = SearchIndexManager.defaultThreshold) async throws -> IndexReport {
        let summary = try await SearchIndexManager(database: runtime.database, dedicatedThreshold: threshold).maintain(afterEach: { step in
            switch step {
            case let .indexes(report, number, count):
                if !report.built.isEmpty { PipelineBenchmark.progress("  dedicated indexes \(number)/\(count): \(report.seconds.formatted(decimals: 1)) s") }
            case let .efSearch(tuned, number, count):
                PipelineBenchmark.progress("  ef_search \(number)/\(count): \(tuned.efSearch) (recall \(tuned.recall.formatted(decimals: 3)))")
            }
        })
        let (organisations, all, bytes, keyword, keywordBytes) = try await runtime.database.withService { tx in
            let rows = try await tx.query("""
                SELECT (SELECT count(*) FROM lore.search_profiles WHERE route = 'dedicated'),
                       count(*) FILTER (WHERE c.relname ~ '_h_'), coalesce(sum(pg_relation_size(i.indexrelid)) FILTER (WHERE c.relname ~ '_h_'), 0)::int8,
                       count(*) FILTER (WHERE c.relname ~ '_k_'), coalesce(sum(pg_relation_size(i.indexrelid)) FILTER (WHERE c.relname ~ '_k_'), 0)::int8
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 WHERE c.relname ~ '^chunks_y[0-9]{4}m[0-9]{2}_p[0-9]{2}_[hk]_'
                """)
            var result: (Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0)
            for try await row in rows.decode((Int64, Int64, Int64, Int64, Int64).self) { result = row }
            return result
        }
        return IndexReport(organisations: Int(organisations), indexes: Int(all), bytes: bytes, keywordIndexes: Int(keyword), keywordBytes: keywordBytes,
                           built: summary.indexesBuilt, seconds: summary.indexSeconds,
                           efSearchTuned: summary.efSearchMeasured, efSearchTuningSeconds: summary.efSearchSeconds,
                           termStatisticsOrganisations: summary.termStatistics, termStatisticsSeconds: summary.termStatisticsSeconds)
    }

    /// recall@10 against an exact scan and latency, per size class, for Lore and the seed design.
    func measure(orgs: [ScaleLoader.Organisation], queriesPerClass: Int, seed: SeedReferenceDesign?, efSearch: Int? = nil) async throws -> [ClassResult] {
        let vectors = dataset.vectors()
        let profiles = try await runtime.database.withService { tx in
            var routes: [UUID: (route: String, efSearch: Int?)] = [:]
            for try await (org, route, ef) in try await tx.query("SELECT org_id, route, ef_search FROM lore.search_profiles").decode((UUID, String, Int32?).self) {
                routes[org] = (route, ef.map(Int.init))
            }
            return routes
        }
        var results: [ClassResult] = []
        var random = SplitMix64(seed: dataset.seed ^ 0x5EED)
        let settings = SearchSettings()
        for sizeClass in SizeClass.allCases {
            let members = orgs.filter { SizeClass.of($0.size) == sizeClass }
            guard !members.isEmpty else { continue }
            // Queries and their true neighbours first: an exact scan of a large organisation
            // between measured queries would evict the CPU caches each measured query then pays for.
            var queries: [(org: ScaleLoader.Organisation, vector: [Float], truth: [UUID])] = []
            for _ in 0..<(2 * queriesPerClass) {
                let org = members[random.nextInt(members.count)]
                let query = vectors.vector(topic: org.topics[random.nextInt(org.topics.count)], random: &random)
                let truth = try await runtime.database.withOrg(org.id) { tx in
                    try await tx.nearestChunks(model: ScaleLoader.model, strategy: .lightweight, vector: query, route: .exact,
                                               filters: SearchFilters(), limit: 10).map(\.id)
                }
                queries.append((org, query, truth))
            }
            let lore: @Sendable (ScaleLoader.Organisation, [Float]) async throws -> Answer = { org, query in
                let profile = profiles[org.id.uuid]
                let route = VectorRoute(rawValue: profile?.route ?? "exact") ?? .exact
                let ef = efSearch ?? settings.efSearch(for: SearchProfile(model: ScaleLoader.model, strategy: .lightweight, chunkCount: Int64(org.size),
                                                                         route: route, efSearch: profile?.efSearch))
                // Opened as the search service opens it.
                return try await runtime.database.withOrg(org.id, settings: .vectorSearch(route: route, efSearch: ef, limit: 10), onConnectionLoop: true) { tx in
                    try await Self.stopwatch {
                        try await tx.nearestChunks(model: ScaleLoader.model, strategy: .lightweight, vector: query, route: route,
                                                   filters: SearchFilters(), limit: 10, efSearch: ef).map(\.id)
                    }
                }
            }
            // The first half only warms the caches (both designs alike), as a running server's
            // would be; the second half is measured, one design after the other.
            for (org, query, _) in queries.prefix(queriesPerClass) {
                _ = try await lore(org, query)
                if let seed { _ = try await seed.nearest(org: org.id, vector: query) }
            }
            let measured = queries.dropFirst(queriesPerClass)
            let (recalls, latencies, queryLatencies) = try await Self.timed(measured) { try await lore($0.org, $0.vector) }
            let (seedRecalls, seedLatencies, seedQueryLatencies) = seed == nil ? ([], [], [])
                : try await Self.timed(measured) { try await seed!.nearest(org: $0.org.id, vector: $0.vector) }
            let recall = Self.mean(recalls)
            var seedAtEqualRecall: SeedPoint?
            if let seed, Self.mean(seedRecalls) < recall {
                seedAtEqualRecall = try await Self.seedAtRecall(recall, seed: seed, queries: measured.prefix(Self.seedSweepQueries), sizeClass: sizeClass)
            }
            let sizes = members.map(\.size)
            let routes = Set(members.map { profiles[$0.id.uuid]?.route ?? "exact" }).sorted().joined(separator: "+")
            results.append(ClassResult(
                sizeClass: sizeClass, organisations: members.count, rows: "\(sizes.min()!)–\(sizes.max()!)", route: routes,
                queries: queriesPerClass, recall: recall, p50Ms: Self.percentile(latencies, 0.5), p95Ms: Self.percentile(latencies, 0.95),
                queryP95Ms: Self.percentile(queryLatencies, 0.95),
                seedRecall: seed == nil ? nil : Self.mean(seedRecalls), seedP50Ms: seed == nil ? nil : Self.percentile(seedLatencies, 0.5),
                seedP95Ms: seed == nil ? nil : Self.percentile(seedLatencies, 0.95),
                seedQueryP95Ms: seed == nil ? nil : Self.percentile(seedQueryLatencies, 0.95), seedAtEqualRecall: seedAtEqualRecall))
            PipelineBenchmark.progress("  \(sizeClass.rawValue): recall \(recall.formatted(decimals: 3)), p95 \(Self.percentile(latencies, 0.95).formatted(decimals: 2)) ms")
        }
        return results
    }

    /// The seed design at the fewest `probes` (doubling) whose recall@10 over `queries` reaches
    /// `target`; at every list the scan is exact, so the last value always does.
    static func seedAtRecall(_ target: Double, seed: SeedReferenceDesign,
                             queries: ArraySlice<(org: ScaleLoader.Organisation, vector: [Float], truth: [UUID])>,
                             sizeClass: SizeClass) async throws -> SeedPoint {
        var point: SeedPoint
        var tried = seedProbes.makeIterator()
        repeat {
            let probes = tried.next()!
            let (recalls, latencies, queryLatencies) = try await timed(queries) { try await seed.nearest(org: $0.org.id, vector: $0.vector, probes: probes) }
            point = SeedPoint(probes: probes, queries: queries.count, recall: mean(recalls), p50Ms: percentile(latencies, 0.5),
                              p95Ms: percentile(latencies, 0.95), queryP95Ms: percentile(queryLatencies, 0.95))
            PipelineBenchmark.progress("  \(sizeClass.rawValue), seed at \(probes) probes: recall \(point.recall.formatted(decimals: 3)), p95 \(point.p95Ms.formatted(decimals: 2)) ms")
        } while point.recall < target && point.probes != seedProbes.last
        return point
    }

    /// Search over HTTP (hybrid: with query embedding, every query new so no cache hits) in the
    /// 20 largest organisations, one client for latency, then `clients` concurrent clients for
    /// throughput.
    func http(orgs: [ScaleLoader.Organisation], mode: SearchMode, requests: Int, clients: Int, seconds: Double) async throws -> HTTPReport {
        var keys: [String] = []
        for org in orgs.prefix(20) {
            keys.append(try await runtime.apiKeys.create(caller: Caller(org: org.id, role: .owner), name: "bench", role: .viewer, expiresAt: nil).secret)
        }
        let keyList = keys
        let ports = PortBox()
        var quiet = logger
        quiet.logLevel = .critical
        let app = try LoreAPI.buildApplication(runtime: runtime, host: "127.0.0.1", port: 0, logger: quiet) { port in await ports.set(port) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        return try await withThrowingTaskGroup(of: HTTPReport?.self) { group in
            group.addTask { try await app.run(); return nil }
            group.addTask {
                let port = await ports.wait()
                let counter = Counter()
                let search: @Sendable (Int) async throws -> (total: Double, service: Double) = { n in
                    let words = (0..<6).map { _ in ScaleDataset.word(Int.random(in: 0..<8_000)) }.joined(separator: " ")
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/search")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(keyList[n % keyList.count])")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(string: "{\"query\":\"\(words) \(n)\",\"mode\":\"\(mode.rawValue)\",\"limit\":10}"))
                    let started = ContinuousClock.now
                    let response = try await client.execute(request, timeout: .seconds(30))
                    let body = try await response.body.collect(upTo: 1 << 22)
                    let total = (ContinuousClock.now - started).seconds * 1000
                    guard response.status == .ok else { throw LoreError(.internalError, "search answered \(response.status)") }
                    // `took_ms` is required by the API (OpenAPI); without it the report would hold NaN,
                    // which JSON cannot encode at the end of the run.
                    guard let took = try? JSONDecoder().decode(Took.self, from: Data(body.readableBytesView)) else {
                        throw LoreError(.internalError, "search answered without took_ms")
                    }
                    return (total, took.tookMs)
                }
                for n in 0..<100 { _ = try await search(n) }  // warm up the caches, as a running server is
                var latencies: [Double] = [], serviceLatencies: [Double] = []
                for n in 0..<requests {
                    let measured = try await search(1_000 + n)
                    latencies.append(measured.total)
                    serviceLatencies.append(measured.service)
                }
                let deadline = ContinuousClock.now + .seconds(seconds)
                try await withThrowingTaskGroup(of: Void.self) { load in
                    for c in 0..<clients {
                        load.addTask {
                            var n = 100_000 * (c + 1)
                            while ContinuousClock.now < deadline { _ = try await search(n); await counter.add(); n += 1 }
                        }
                    }
                    try await load.waitForAll()
                }
                let done = await counter.value
                return HTTPReport(mode: mode, requests: requests, p50Ms: Self.percentile(latencies, 0.5), p95Ms: Self.percentile(latencies, 0.95),
                                  serviceP50Ms: Self.percentile(serviceLatencies, 0.5), serviceP95Ms: Self.percentile(serviceLatencies, 0.95),
                                  clients: clients, throughputPerSecond: Double(done) / seconds)
            }
            var report: HTTPReport?
            while let next = try await group.next() {
                if let result = next { report = result; group.cancelAll() }
            }
            try await client.shutdown()
            guard let report else { throw LoreError(.internalError, "no HTTP report") }
            return report
        }
    }

    /// What a design found, and the milliseconds of its vector query's own round trip.
    typealias Answer = (ids: [UUID], queryMs: Double)

    /// `body`'s result and its milliseconds.
    static func stopwatch<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let started = ContinuousClock.now
        let result = try await body()
        return (result, (ContinuousClock.now - started).seconds * 1000)
    }

    /// Recall@10, milliseconds of the whole `search` and of its query alone, over `queries`.
    static func timed(_ queries: ArraySlice<(org: ScaleLoader.Organisation, vector: [Float], truth: [UUID])>,
                      _ search: ((org: ScaleLoader.Organisation, vector: [Float], truth: [UUID])) async throws -> Answer) async throws -> ([Double], [Double], [Double]) {
        var recalls: [Double] = [], latencies: [Double] = [], queryLatencies: [Double] = []
        for query in queries {
            let (answer, ms) = try await stopwatch { try await search(query) }
            latencies.append(ms)
            queryLatencies.append(answer.queryMs)
            recalls.append(SearchIndexManager.recall(answer.ids, against: query.truth))
        }
        return (recalls, latencies, queryLatencies)
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// The part of a search response the HTTP measurement reads.
    struct Took: Decodable {
        let tookMs: Double
        enum CodingKeys: String, CodingKey { case tookMs = "took_ms" }
    }

    actor PortBox {
        var port: Int?
        var waiters: [CheckedContinuation<Int, Never>] = []
        func set(_ value: Int) { port = value; waiters.forEach { $0.resume(returning: value) }; waiters = [] }
        func wait() async -> Int {
            if let port { return port }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }
}
