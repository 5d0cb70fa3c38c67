import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs
import LoreSearch
import LoreSystem

/// Retrieval quality on a BEIR-format collection: the corpus goes through the real pipeline
/// (each document a text file: upload path, validation, parsing, chunking, embedding), every
/// query through the real search service in each mode; BM25 (bm25s, Porter stemming) is the
/// reference, computed in the same run.
struct QualityBenchmark {
    let runtime: LoreRuntime
    let caller: Caller
    let scratch: URL

    struct ModeResult: Encodable {
        var mode: String
        var ndcg10: Double
        var recall100: Double
        var mrr10: Double
        var queries: Int
        var p50Ms: Double?
    }

    /// Ingests the corpus; returns media id → document id.
    func ingest(_ dataset: BEIRDataset, concurrency: Int, logger: Logger) async throws -> [MediaID: String] {
        let folder = scratch.appendingPathComponent("corpus", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ingest = FileIngest(media: runtime.media)
        var byMedia: [MediaID: String] = [:]
        var pending: [MediaID] = []
        for (index, document) in dataset.corpus.enumerated() {
            // A file name the id cannot escape from; the title leads the text as its heading.
            let file = folder.appendingPathComponent("doc-\(index).txt")
            let text = document.title.isEmpty ? document.text : document.title + "\n\n" + document.text
            try Data((text.isEmpty ? "(empty)" : text).utf8).write(to: file)
            switch await ingest.ingest(FileIngest.Item(path: file.path), caller: caller) {
            case .stored(let media), .duplicate(let media):
                byMedia[media.id] = document.id
                pending.append(media.id)
            case .rejected(let error):
                throw LoreError(.internalError, "document \(document.id) was rejected: \(error)")
            }
            if (index + 1) % 200 == 0 { PipelineBenchmark.progress("  uploaded \(index + 1)/\(dataset.corpus.count)") }
        }
        let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                              configuration: WorkerConfiguration(concurrency: concurrency), logger: logger)
        let database = runtime.database
        let org = caller.org
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await pool.run(); return false }
            group.addTask {
                var done = 0
                while true {
                    let page = try await Self.unfinished(database: database, org: org)
                    if page == 0 { return true }
                    if done % 20 == 0 { PipelineBenchmark.progress("  processing: \(page) item(s) left") }
                    done += 1
                    try await Task.sleep(for: .seconds(1))
                }
            }
            while let finished = try await group.next() { if finished { group.cancelAll() } }
        }
        return byMedia
    }

    /// Items not yet searchable or failed.
    static func unfinished(database: Database, org: OrgID) async throws -> Int {
        try await database.withOrg(org) { tx in
            try await tx.query("SELECT count(*)::int FROM media WHERE status NOT IN ('ready', 'partial', 'failed')").collect().first!.decode(Int.self)
        }
    }

    /// Runs every query in `mode` for `limit` results, maps chunk hits to documents (first hit of
    /// a document wins).
    func evaluate(_ dataset: BEIRDataset, mode: SearchMode, documents: [MediaID: String], search: SearchService,
                  limit: Int = 100) async throws -> (ModeResult, [String: [String]]) {
        var ndcg = 0.0, recall = 0.0, mrr = 0.0
        var rankings: [String: [String]] = [:]
        var latencies: [Double] = []
        for query in dataset.queries {
            let response = try await search.search(org: caller.org, SearchRequest(query: query.text, mode: mode, limit: limit))
            latencies.append(response.tookMs)
            var seen = Set<String>()
            let ranked = response.hits.compactMap { documents[$0.mediaID] }.filter { seen.insert($0).inserted }
            rankings[query.id] = ranked
            let relevance = dataset.qrels[query.id] ?? [:]
            ndcg += RetrievalMetrics.ndcg(ranked: ranked, relevance: relevance, k: 10)
            recall += RetrievalMetrics.recall(ranked: ranked, relevance: relevance, k: 100)
            mrr += RetrievalMetrics.mrr(ranked: ranked, relevance: relevance, k: 10)
        }
        let n = Double(max(1, dataset.queries.count))
        latencies.sort()
        return (ModeResult(mode: mode.rawValue, ndcg10: ndcg / n, recall100: recall / n, mrr10: mrr / n, queries: dataset.queries.count,
                           p50Ms: latencies.isEmpty ? nil : latencies[latencies.count / 2]), rankings)
    }

    /// The BM25 reference's rankings, or nil when it is not installed (`scripts/setup --bench`).
    static func bm25(_ dataset: BEIRDataset, folder: URL) async throws -> ModeResult? {
        let clone = try ToolsDirectory.locate().deletingLastPathComponent()
        let python = clone.appendingPathComponent(".tools/bench/bm25/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let output = try await ProcessRunner.run(python, [clone.appendingPathComponent("scripts/bench/bm25_reference.py").path, folder.path, "100"],
                                                 limits: ProcessLimits(wallClock: .seconds(1800), maxOutputBytes: 512 << 20))
        guard output.succeeded, let rankings = try? JSONDecoder().decode([String: [String]].self, from: Data(output.standardOutput)) else {
            throw LoreError(.internalError, "the BM25 reference failed: \(output.standardError.suffix(500))")
        }
        var ndcg = 0.0, recall = 0.0, mrr = 0.0
        for query in dataset.queries {
            let ranked = rankings[query.id] ?? []
            let relevance = dataset.qrels[query.id] ?? [:]
            ndcg += RetrievalMetrics.ndcg(ranked: ranked, relevance: relevance, k: 10)
            recall += RetrievalMetrics.recall(ranked: ranked, relevance: relevance, k: 100)
            mrr += RetrievalMetrics.mrr(ranked: ranked, relevance: relevance, k: 10)
        }
        let n = Double(max(1, dataset.queries.count))
        return ModeResult(mode: "bm25 (reference)", ndcg10: ndcg / n, recall100: recall / n, mrr10: mrr / n, queries: dataset.queries.count, p50Ms: nil)
    }
}
