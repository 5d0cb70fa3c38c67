import Foundation
import LoreInference

/// Runs the workload on Lore's own MiniLM engine.
enum LoreEmbeddingBenchmark {
    static func run(
        files: MiniLMModelFiles, threads: Int, precision: EncoderPrecision, workload: EmbeddingWorkload, progress: (String) -> Void
    ) async throws -> (run: ImplementationRun, samples: [String: [[Float]]]) {
        let embedder = try MiniLMEmbedder(files: files, configuration: .init(threads: threads, profile: true, queryPrecision: precision))
        let embed = { (texts: [String]) in try await embedder.embed(texts, precision: precision) }
        var measurements: [ThroughputMeasurement] = []
        var samples: [String: [[Float]]] = [:]
        for length in workload.chunks.keys.sorted(by: { Int($0)! < Int($1)! }) {
            let texts = workload.chunks[length]!
            for batch in workload.batch_sizes {
                progress("lore, \(threads) thread(s): \(length) tokens × batch \(batch)")
                _ = try await embed(Array(texts.prefix(batch)))
                embedder.resetProfile()
                var fastest = Double.infinity
                for _ in 0..<max(1, workload.repeats) {
                    let started = ContinuousClock.now
                    for first in stride(from: 0, to: texts.count, by: batch) {
                        _ = try await embed(Array(texts[first..<min(texts.count, first + batch)]))
                    }
                    fastest = min(fastest, (ContinuousClock.now - started).seconds)
                }
                measurements.append(measurement(embedder.profile, tokens: Int(length)!, batch: batch, chunks: texts.count, seconds: fastest))
            }
            samples[length] = try await embed(Array(texts.prefix(workload.sample_count)))
        }
        progress("lore, \(threads) thread(s): \(workload.queries.count) single queries")
        for query in workload.queries.prefix(workload.query_warmup) { _ = try await embed([query]) }
        embedder.resetProfile()
        var latencies: [Double] = []
        for query in workload.queries {
            let started = ContinuousClock.now
            _ = try await embed([query])
            latencies.append((ContinuousClock.now - started).seconds)
        }
        let profile = embedder.profile
        let run = ImplementationRun(implementation: "lore \(MiniLMEmbedder.modelName) (Swift + \(precision.engine))",
                                    threads: threads, throughput: measurements,
                                    query_latency: LatencySummary(seconds: latencies),
                                    query_profile: measurement(profile, tokens: profile.tokens / max(1, profile.passes), batch: 1,
                                                               chunks: workload.queries.count, seconds: latencies.reduce(0, +)))
        return (run, samples)
    }

    /// A cell's throughput with the stage profile collected while it ran.
    private static func measurement(_ profile: EncoderProfile, tokens: Int, batch: Int, chunks: Int, seconds: Double) -> ThroughputMeasurement {
        let shares = profile.shares.map { ($0.key.rawValue, $0.value) }
        let gemmSeconds = profile.threadSeconds[.projectionGEMM] ?? 0
        return ThroughputMeasurement(
            tokens_per_chunk: tokens, batch_size: batch, chunks: chunks, seconds: seconds,
            stage_shares: Dictionary(uniqueKeysWithValues: shares),
            projection_gflops_per_thread: gemmSeconds > 0 ? Double(profile.tokens) * projectionFLOPsPerToken / gemmSeconds / 1e9 : nil)
    }
}

/// Multiply-adds ×2 of the four linear layers of all-MiniLM-L6-v2 for one token.
private let projectionFLOPsPerToken = 2.0 * Double(4 * 384 * 384 + 2 * 384 * 1536) * 6


extension EncoderPrecision {
    /// What multiplies the linear layers in this precision.
    var engine: String {
        switch self {
        case .float32: return "OpenBLAS sgemm"
        case .float32Panels: return "float32 panel kernel"
        case .bfloat16: return "bfloat16 kernel"
        case .int8: return "int8 kernel"
        }
    }
}
