import Foundation
import LoreInference

/// Runs the workload on Lore's own MiniLM engine.
enum LoreEmbeddingBenchmark {
    static func run(
        files: MiniLMModelFiles, threads: Int, workload: EmbeddingWorkload, progress: (String) -> Void
    ) async throws -> (run: ImplementationRun, samples: [String: [[Float]]]) {
        let embedder = try MiniLMEmbedder(files: files, configuration: .init(threads: threads, profile: true))
        var measurements: [ThroughputMeasurement] = []
        var samples: [String: [[Float]]] = [:]
        for length in workload.chunks.keys.sorted(by: { Int($0)! < Int($1)! }) {
            let texts = workload.chunks[length]!
            for batch in workload.batch_sizes {
                progress("lore, \(threads) thread(s): \(length) tokens × batch \(batch)")
                _ = try await embedder.embed(Array(texts.prefix(batch)))
                embedder.resetProfile()
                let started = ContinuousClock.now
                for first in stride(from: 0, to: texts.count, by: batch) {
                    _ = try await embedder.embed(Array(texts[first..<min(texts.count, first + batch)]))
                }
                let elapsed = (ContinuousClock.now - started).seconds
                let shares = embedder.profile.shares.map { ($0.key.rawValue, $0.value) }
                measurements.append(ThroughputMeasurement(
                    tokens_per_chunk: Int(length)!, batch_size: batch, chunks: texts.count, seconds: elapsed,
                    stage_shares: Dictionary(uniqueKeysWithValues: shares)))
            }
            samples[length] = try await embedder.embed(Array(texts.prefix(workload.sample_count)))
        }
        progress("lore, \(threads) thread(s): \(workload.queries.count) single queries")
        for query in workload.queries.prefix(workload.query_warmup) { _ = try await embedder.embed([query]) }
        var latencies: [Double] = []
        for query in workload.queries {
            let started = ContinuousClock.now
            _ = try await embedder.embed([query])
            latencies.append((ContinuousClock.now - started).seconds)
        }
        let run = ImplementationRun(implementation: "lore \(MiniLMEmbedder.modelName) (Swift + OpenBLAS sgemm)",
                                    threads: threads, throughput: measurements,
                                    query_latency: LatencySummary(seconds: latencies))
        return (run, samples)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
