import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase
import LoreSearch

extension VectorDistribution: ExpressibleByArgument {}
extension SearchMode: ExpressibleByArgument {}

/// `lore bench scale --chunks N`: vector search at scale, per organisation size, beside the seed design.
struct BenchScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Vector and hybrid search on N synthetic chunks in many organisations, beside the seed's shared-IVFFlat design.",
        discussion: """
            Generates N chunks (clustered unit vectors and English-like text) in --orgs organisations with a \
            skewed size distribution (one holds 20 %, a long tail of tiny ones), loads them with COPY into a \
            fresh embedded database, builds the dedicated indexes Lore's routing asks for, and measures per \
            size class: recall@10 against an exact scan and DB latency p50/p95, for Lore and for the seed \
            design (one IVFFlat index with lists = 100, RLS through a users sub-query, no routing) at \
            pgvector's default probes and again with probes raised until its recall reaches Lore's; then \
            hybrid search over HTTP with query embedding (p50/p95 and throughput with concurrent clients). \
            Goals at N = 1,000,000: recall ≥ 0.97 in every class, DB p95 ≤ 3 ms, HTTP hybrid p95 ≤ 40 ms, \
            ≥ 200 searches/s, ≥ 10× lower p95 than the seed design at equal or better recall.
            """)

    @Option(help: "Number of chunks.") var chunks = 1_000_000
    @Option(help: "Number of organisations.") var orgs = 1_000
    @Option(help: "How vectors spread around their topics: realistic (calibrated against MiniLM vectors of real passages) or isotropic (the worst case for approximate search).")
    var vectors: VectorDistribution = .realistic
    @Option(help: "HNSW ef_search for the DB measurement instead of Lore's rule (to trace recall against latency).") var efSearch: Int?
    @Option(help: "Chunks from which an organisation gets its own HNSW index (Lore's default: \(SearchIndexManager.defaultThreshold)); a reused run builds for organisations newly past it.")
    var dedicatedThreshold: Int64 = SearchIndexManager.defaultThreshold
    @Option(help: "Queries per size class.") var queries = 100
    @Option(help: "HTTP requests for the latency measurement.") var httpRequests = 200
    @Option(help: "Concurrent HTTP clients for the throughput measurement.") var clients = 8
    @Option(help: "Search mode of the HTTP measurements: hybrid (the goal's), or vector or keyword alone to see what each part costs.")
    var httpMode: SearchMode = .hybrid
    @Option(help: "Seconds of the throughput measurement.") var httpSeconds = 20.0
    @Flag(help: "Skip the seed design's reference.") var skipReference = false
    @Flag(help: "Skip the HTTP measurements.") var skipHTTP = false
    @Option(help: "Folder for the benchmark's database (default: a temporary folder, removed afterwards).") var work: String?
    @Flag(help: "Measure the chunks an earlier run left in --work (same --chunks and --orgs) instead of loading them again.") var reuse = false
    @Option(help: "Write the results as JSON to this file.") var json: String?
    @Option(name: .customLong("log-level")) var logLevel = "warning"

    struct Report: Encodable {
        var chunks: Int
        var organisations: Int
        var vectors: VectorDistribution
        var neighbourStructure: NeighbourStructure
        var efSearch: Int?
        var loadSeconds: Double
        var indexes: ScaleBenchmark.IndexReport
        var classes: [ScaleBenchmark.ClassResult]
        var http: ScaleBenchmark.HTTPReport?
    }

    func validate() throws {
        guard orgs >= 1, chunks >= 2 * orgs else { throw ValidationError("--chunks must be at least twice --orgs (every organisation holds a chunk or more)") }
        guard queries >= 1 else { throw ValidationError("--queries must be at least 1") }
        if let efSearch, !(1...1_000).contains(efSearch) { throw ValidationError("--ef-search must be between 1 and 1000 (pgvector's range)") }
        guard dedicatedThreshold >= 1 else { throw ValidationError("--dedicated-threshold must be at least 1 chunk") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            if reuse && work == nil { throw LoreError(.invalidArgument, "--reuse needs --work, the folder of an earlier run") }
            let keep = work != nil
            let folder = URL(fileURLWithPath: work ?? FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-scale-\(UUID().uuidString.prefix(8))").path)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
            var config = try LoreConfiguration.fromEnvironment()
            config.dataDirectory = folder.appendingPathComponent("data").path
            config.databaseURL = nil
            config.logLevel = logLevel
            config.databasePoolSize = max(10, clients + 4)
            let logger = LoggingSetup.bootstrap(config)
            let dataset = ScaleDataset(chunks: chunks, orgs: orgs, seed: 42, distribution: vectors)
            let marker = folder.appendingPathComponent("vectors")
            if reuse {
                // Runs before the marker existed generated isotropic vectors only.
                let loaded = (try? String(contentsOf: marker, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? VectorDistribution.isotropic.rawValue
                guard loaded == vectors.rawValue else {
                    throw LoreError(.invalidArgument, "--work holds \(loaded) vectors, not \(vectors.rawValue): pass --vectors \(loaded) or another folder")
                }
            }
            let (queries, httpRequests, clients, httpSeconds, httpMode, skipReference, skipHTTP, reuse, efSearch, threshold) = (self.queries, self.httpRequests, self.clients, self.httpSeconds, self.httpMode, self.skipReference, self.skipHTTP, self.reuse, self.efSearch, self.dedicatedThreshold)
            let report = try await LoreRuntime.run(config, logger: logger) { runtime in
                let loader = ScaleLoader(database: runtime.database, dataset: dataset)
                let organisations = loader.organisations()
                let total = dataset.chunks
                PipelineBenchmark.progress("Loading \(total) chunks in \(organisations.count) organisations (largest \(organisations[0].size))…")
                let started = ContinuousClock.now
                let present = try await runtime.database.withService { tx in
                    try await tx.query("SELECT count(*)::int8 FROM lore.chunks").collect().first?.decode(Int64.self) ?? 0
                }
                if reuse {
                    guard present == Int64(total) else {
                        throw LoreError(.invalidArgument, "--work holds \(present) chunks, not the \(total) of this data set: run once without --reuse")
                    }
                    PipelineBenchmark.progress("  reusing the \(total) chunks already loaded")
                } else {
                    guard present == 0 else { throw LoreError(.invalidArgument, "--work already holds chunks: pass --reuse or an empty folder") }
                    try Data(dataset.distribution.rawValue.utf8).write(to: marker)
                    try await loader.load(organisations) { loaded in
                        PipelineBenchmark.progress("  \(loaded)/\(total) (\(((ContinuousClock.now - started).seconds).formatted(decimals: 0)) s)")
                    }
                }
                let loadSeconds = reuse ? 0 : (ContinuousClock.now - started).seconds
                let bench = ScaleBenchmark(runtime: runtime, dataset: dataset, logger: logger)
                PipelineBenchmark.progress("Building dedicated indexes…")
                var indexes = try await bench.buildIndexes(threshold: threshold)
                _ = try await runtime.database.withService { tx in try await tx.query("ANALYZE lore.chunks") }
                // A restarted server reloads its last cache in the background; measure once it has.
                let prewarm = try await runtime.database.awaitBufferPrewarm()
                if prewarm > 0 { PipelineBenchmark.progress("  waited \(prewarm.formatted(decimals: 1)) s for PostgreSQL to reload its cache (autoprewarm)") }
                // HTTP first: it measures Lore alone, and the seed design's 1.5 GB copy and index
                // build would first push Lore's pages out of the shared buffers (p95 ~50 against
                // ~37 ms measured after it), which no installation of Lore goes through.
                var http: ScaleBenchmark.HTTPReport?
                if !skipHTTP {
                    PipelineBenchmark.progress("HTTP \(httpMode.rawValue) search…")
                    http = try await bench.http(orgs: organisations, mode: httpMode, requests: httpRequests, clients: clients, seconds: httpSeconds)
                }
                var seed: SeedReferenceDesign?
                if !skipReference {
                    PipelineBenchmark.progress("Building the seed design's IVFFlat index…")
                    let reference = SeedReferenceDesign(database: runtime.database)
                    let built = try await reference.build(orgs: organisations)
                    indexes.seedIVFFlatSeconds = built.seconds
                    indexes.seedIVFFlatBytes = built.indexBytes
                    seed = reference
                }
                PipelineBenchmark.progress("Measuring per size class…")
                let classes: [ScaleBenchmark.ClassResult]
                do {
                    classes = try await bench.measure(orgs: organisations, queriesPerClass: queries, seed: seed, efSearch: efSearch)
                } catch {
                    try? await seed?.drop()
                    throw error
                }
                try await seed?.drop()
                return Report(chunks: total, organisations: organisations.count, vectors: dataset.distribution,
                              neighbourStructure: NeighbourStructure.measure(dataset.vectors()), efSearch: efSearch, loadSeconds: loadSeconds, indexes: indexes, classes: classes, http: http)
            }
            print(Self.render(report))
            if let json { try writeJSON(report, to: json) }
        }
    }

    static func render(_ report: Report) -> String {
        var table = TextTable(["class", "orgs", "rows", "route", "recall@10", "p50 ms", "p95 ms", "query p95", "seed recall@10", "seed p50 ms", "seed p95 ms",
                               "seed query p95", "p95 ratio", "query p95 ratio"])
        func ratio(_ seed: Double?, _ lore: Double) -> String { seed.map { ($0 / max(lore, 0.001)).formatted(decimals: 1) + "×" } ?? "-" }
        func ms(_ value: Double?) -> String { value.map { $0.formatted(decimals: 2) } ?? "-" }
        for row in report.classes {
            table.add([row.sizeClass.rawValue, String(row.organisations), row.rows, row.route, row.recall.formatted(decimals: 3),
                       ms(row.p50Ms), ms(row.p95Ms), ms(row.queryP95Ms), row.seedRecall.map { $0.formatted(decimals: 3) } ?? "-",
                       ms(row.seedP50Ms), ms(row.seedP95Ms), ms(row.seedQueryP95Ms), ratio(row.seedP95Ms, row.p95Ms), ratio(row.seedQueryP95Ms, row.queryP95Ms)])
        }
        var equal = TextTable(["class", "recall@10", "p95 ms", "query p95", "seed probes", "seed queries", "seed recall@10", "seed p50 ms", "seed p95 ms",
                               "seed query p95", "p95 ratio", "query p95 ratio"])
        for row in report.classes {
            guard let seed = row.seedAtEqualRecall else { continue }
            equal.add([row.sizeClass.rawValue, row.recall.formatted(decimals: 3), ms(row.p95Ms), ms(row.queryP95Ms), String(seed.probes), String(seed.queries),
                       seed.recall.formatted(decimals: 3), ms(seed.p50Ms), ms(seed.p95Ms), ms(seed.queryP95Ms),
                       ratio(seed.p95Ms, row.p95Ms), ratio(seed.queryP95Ms, row.queryP95Ms)])
        }
        let loaded = report.loadSeconds > 0 ? "loaded with COPY in \(report.loadSeconds.formatted(decimals: 0)) s" : "loaded by an earlier run"
        var text = "\(report.chunks) chunks in \(report.organisations) organisations, \(loaded)\n"
        let structure = report.neighbourStructure
        text += "\(report.vectors.rawValue) vectors: local intrinsic dimension \(structure.intrinsicDimension.formatted(decimals: 1)), "
            + "mean/nearest distance \(structure.relativeContrast.formatted(decimals: 2)), 100th/10th nearest \(structure.hundredthOverTenth.formatted(decimals: 3)) "
            + "(MiniLM on real passages: 15.1, 1.68, 1.134)\n"
        let built = report.indexes.built > 0 ? "built in \(report.indexes.seconds.formatted(decimals: 0)) s" : "built by an earlier run"
        text += "dedicated HNSW (halfvec) for \(report.indexes.organisations) organisations: \(report.indexes.indexes) partition indexes, "
            + "\(ByteCountFormatter.string(fromByteCount: report.indexes.bytes, countStyle: .binary)), and their keyword GIN: "
            + "\(report.indexes.keywordIndexes), \(ByteCountFormatter.string(fromByteCount: report.indexes.keywordBytes, countStyle: .binary)); \(built)"
        if report.indexes.efSearchTuned > 0 {
            text += "; ef_search measured for \(report.indexes.efSearchTuned) organisations: \(report.indexes.efSearchTuningSeconds.formatted(decimals: 1)) s"
        }
        if report.indexes.termStatisticsOrganisations > 0 {
            text += "; term statistics for \(report.indexes.termStatisticsOrganisations) organisations: \(report.indexes.termStatisticsSeconds.formatted(decimals: 1)) s"
        }
        if let seconds = report.indexes.seedIVFFlatSeconds, let bytes = report.indexes.seedIVFFlatBytes {
            text += "; seed IVFFlat: \(seconds.formatted(decimals: 0)) s (copy + build), \(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary))"
        }
        let ef = report.efSearch.map { "ef_search \($0) for every dedicated route" } ?? "each organisation's measured ef_search"
        text += "\n\nVector search, DB latency per query through Lore's client (\(ef)). p50/p95: the whole transaction "
            + "(BEGIN, organisation and settings, query, COMMIT: four round trips); query p95: the query's own round trip:\n" + table.render()
        if report.classes.contains(where: { $0.seedAtEqualRecall != nil }) {
            text += "\n\nThe seed design at equal or better recall (ivfflat.probes doubled from 1 until its recall@10 reaches Lore's; "
                + "\(SeedReferenceDesign.lists) probes scan every list, an exact search):\n" + equal.render()
        }
        if let http = report.http {
            let embedding = http.mode == .keyword ? "no query embedding" : "query embedding included, no cache hits"
            text += "\n\n\(http.mode.rawValue.capitalized) search over HTTP (\(embedding)): p50 \(http.p50Ms.formatted(decimals: 1)) ms, "
                + "p95 \(http.p95Ms.formatted(decimals: 1)) ms over \(http.requests) requests (the search service's own time, took_ms: "
                + "p50 \(http.serviceP50Ms.formatted(decimals: 1)), p95 \(http.serviceP95Ms.formatted(decimals: 1)) ms); "
                + "\(http.throughputPerSecond.formatted(decimals: 0)) searches/s with \(http.clients) clients"
        }
        return text
    }
}
