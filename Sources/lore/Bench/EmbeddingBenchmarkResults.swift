/// One measured (chunk length, batch size) cell.
struct ThroughputMeasurement: Codable {
    var tokens_per_chunk: Int
    var batch_size: Int
    var chunks: Int
    var seconds: Double
    /// Share of thread CPU time per encoder stage (Lore only).
    var stage_shares: [String: Double]? = nil
    /// Speed of the linear layers' sgemm calls per thread, from thread CPU time (Lore only).
    var projection_gflops_per_thread: Double? = nil

    var tokensPerSecond: Double { Double(chunks * tokens_per_chunk) / seconds }
    var chunksPerSecond: Double { Double(chunks) / seconds }
}

struct LatencySummary: Codable {
    var count: Int
    var p50_ms: Double
    var p95_ms: Double
    var mean_ms: Double

    init(seconds: [Double]) {
        let sorted = seconds.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let rank = p * Double(sorted.count - 1)
            let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
            return (sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))) * 1000
        }
        count = sorted.count
        p50_ms = percentile(0.5)
        p95_ms = percentile(0.95)
        mean_ms = sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) * 1000
    }
}

/// Everything one implementation measured at one thread count.
struct ImplementationRun: Codable {
    var implementation: String
    var threads: Int
    var throughput: [ThroughputMeasurement]
    var query_latency: LatencySummary
    /// Where the single queries spent thread CPU time (Lore only).
    var query_profile: ThroughputMeasurement? = nil

    func cell(tokens: Int, batch: Int) -> ThroughputMeasurement? {
        throughput.first { $0.tokens_per_chunk == tokens && $0.batch_size == batch }
    }
}

/// The reference for one thread count, or why there is none.
struct ReferenceOutcome: Codable {
    var run: ImplementationRun?
    var unavailable: String?
    /// Lowest cosine between Lore's and the reference's vectors of the same sample chunks.
    var min_cosine_vs_lore: Double?
}

struct EmbeddingBenchmarkReport: Codable {
    var model: String
    var data: String
    var machine: String
    var tokens_per_run: Int
    var repeats: Int
    var lore: [ImplementationRun]
    var reference: [ReferenceOutcome]
    var goals: [String: String]
}
