/// Nearest-rank percentiles of a sample (benchmarks).
enum Percentiles {
    /// The `p`-th percentile (0…100) of `values`; nil for an empty sample.
    static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
