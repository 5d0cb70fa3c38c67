import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase
import LoreSearch

/// `lore bench quality --dataset DIR`: nDCG@10, recall@100 and MRR@10 per search mode, with BM25.
struct BenchQualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Retrieval quality on a BEIR-format collection, per search mode, beside a BM25 reference.",
        discussion: """
            Reads corpus.jsonl, queries.jsonl and qrels/test.tsv; ingests the corpus through the real \
            pipeline into a fresh embedded database; runs every query in each mode. The BM25 reference \
            (bm25s with Porter stemming and English stop words) needs `scripts/setup --bench`. Goal on \
            Cranfield: hybrid ≥ max(BM25, vector) + 0.02 nDCG@10. --sweep also tries other fusion settings, \
            and candidate depths per list for requests of 20 results (what a page of search asks).
            """)

    @Option(help: "A BEIR-format folder (e.g. ../shared/data/retrieval/cranfield).") var dataset: String
    @Option(help: "Modes to evaluate, comma-separated.") var modes = "vector,keyword,hybrid"
    @Option(help: "Write the results as JSON to this file.") var json: String?
    @Option(help: "Jobs processed at once while ingesting.") var concurrency = 2
    @Flag(help: "Also evaluate hybrid with other RRF k and weights (tuning on dev data).") var sweep = false
    @Option(name: .customLong("log-level")) var logLevel = "warning"

    struct Report: Encodable {
        var dataset: String
        var documents: Int
        var queries: Int
        var ingestSeconds: Double
        var results: [QualityBenchmark.ModeResult]
        var sweep: [SweepRow]
        var depthSweep: [DepthRow]
    }

    /// Hybrid with `candidateDepth` candidates per list (`vectorCandidateDepth` from the vector
    /// lists when set), for requests of `limit` results.
    struct DepthRow: Encodable {
        var candidateDepth: Int
        var vectorCandidateDepth: Int?
        var limit: Int
        var result: QualityBenchmark.ModeResult
    }

    struct SweepRow: Encodable {
        var k: Double
        var vectorWeight: Double
        var keywordWeight: Double
        var ndcg10: Double
    }

    func run() async throws {
        try await reportingLoreErrors {
            let folder = URL(fileURLWithPath: dataset)
            let data = try BEIRDataset.load(from: folder)
            let requested = try modes.split(separator: ",").map { name -> SearchMode in
                guard let mode = SearchMode(rawValue: String(name)) else { throw LoreError(.invalidArgument, "unknown mode \(name)") }
                return mode
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-quality-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            var config = try LoreConfiguration.fromEnvironment()
            config.dataDirectory = scratch.appendingPathComponent("data").path
            config.databaseURL = nil
            config.logLevel = logLevel
            let logger = LoggingSetup.bootstrap(config)
            let (concurrency, sweep) = (self.concurrency, self.sweep)
            PipelineBenchmark.progress("\(data.name): \(data.corpus.count) documents, \(data.queries.count) queries with judgements")
            let report = try await LoreRuntime.run(config, logger: logger) { runtime in
                let created = try await runtime.organizations.create(name: "Quality", slug: "quality", tier: .professional, actor: "bench")
                let caller = Caller(org: created.organization.id, role: .owner)
                let bench = QualityBenchmark(runtime: runtime, caller: caller, scratch: scratch)
                let started = ContinuousClock.now
                let documents = try await bench.ingest(data, concurrency: concurrency, logger: logger)
                let ingestSeconds = (ContinuousClock.now - started).seconds
                var results: [QualityBenchmark.ModeResult] = []
                if let reference = try await QualityBenchmark.bm25(data, folder: folder) { results.append(reference) }
                for mode in requested {
                    results.append(try await bench.evaluate(data, mode: mode, documents: documents, search: runtime.search).0)
                }
                let service = { (settings: SearchSettings) in
                    SearchService(database: runtime.database, embedders: runtime.embeddings.all, settings: settings,
                                  cursorSecret: Array(repeating: 7, count: 32), logger: logger)
                }
                var rows: [SweepRow] = []
                var depthRows: [DepthRow] = []
                if sweep {
                    for k in [10.0, 30.0, 60.0, 100.0] {
                        for (vector, keyword) in [(1.0, 1.0), (1.0, 0.5), (0.5, 1.0), (1.0, 0.75), (0.75, 1.0)] {
                            var settings = SearchSettings()
                            settings.rrfK = k
                            settings.vectorWeight = vector
                            settings.keywordWeight = keyword
                            let result = try await bench.evaluate(data, mode: .hybrid, documents: documents, search: service(settings)).0
                            rows.append(SweepRow(k: k, vectorWeight: vector, keywordWeight: keyword, ndcg10: result.ndcg10))
                            PipelineBenchmark.progress("  k \(k) weights \(vector)/\(keyword): nDCG@10 \(result.ndcg10.formatted(decimals: 4))")
                        }
                    }
                    let page = 20
                    let depths: [(Int, Int?)] = [(20, nil), (30, nil), (50, nil), (100, nil), (100, 30), (100, 50), (100, 70)]
                    for (depth, vectorDepth) in depths {
                        var settings = SearchSettings()
                        settings.candidateDepth = depth
                        settings.vectorCandidateDepth = vectorDepth
                        let result = try await bench.evaluate(data, mode: .hybrid, documents: documents, search: service(settings), limit: page).0
                        depthRows.append(DepthRow(candidateDepth: depth, vectorCandidateDepth: vectorDepth, limit: page, result: result))
                        let vector = vectorDepth.map { " (vector \($0))" } ?? ""
                        PipelineBenchmark.progress("  candidate depth \(depth)\(vector), \(page) results: nDCG@10 \(result.ndcg10.formatted(decimals: 4)), MRR@10 \(result.mrr10.formatted(decimals: 4))")
                    }
                }
                return Report(dataset: data.name, documents: data.corpus.count, queries: data.queries.count,
                              ingestSeconds: ingestSeconds, results: results, sweep: rows, depthSweep: depthRows)
            }
            print(Self.render(report))
            if let json { try writeJSON(report, to: json) }
        }
    }

    static func render(_ report: Report) -> String {
        var table = TextTable(["mode", "nDCG@10", "recall@100", "MRR@10", "queries", "p50 ms"])
        for row in report.results {
            table.add([row.mode, row.ndcg10.formatted(decimals: 4), row.recall100.formatted(decimals: 4), row.mrr10.formatted(decimals: 4),
                       String(row.queries), row.p50Ms.map { $0.formatted(decimals: 1) } ?? "-"])
        }
        var text = "\(report.dataset): \(report.documents) documents ingested through the pipeline in \(report.ingestSeconds.formatted(decimals: 0)) s\n" + table.render()
        let best = report.results.filter { $0.mode != "hybrid" && ($0.mode == "vector" || $0.mode.hasPrefix("bm25")) }.map(\.ndcg10).max()
        if let hybrid = report.results.first(where: { $0.mode == "hybrid" }), let best {
            let margin = hybrid.ndcg10 - best
            text += "\nhybrid − max(BM25, vector) = \(margin >= 0 ? "+" : "")\(margin.formatted(decimals: 4)) nDCG@10 (goal ≥ +0.02)"
        }
        return text
    }
}
