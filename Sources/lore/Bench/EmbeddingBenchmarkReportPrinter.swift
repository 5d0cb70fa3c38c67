/// Renders `lore bench embed` results as tables: throughput side by side with the reference,
/// query latency, and where Lore's time goes.
enum EmbeddingBenchmarkReportPrinter {
    static func render(_ report: EmbeddingBenchmarkReport) -> String {
        var sections: [String] = []
        sections.append("lore bench embed — \(report.model)\ndata: \(report.data), \(report.tokens_per_run) tokens per cell, best of \(report.repeats) runs, \(report.machine)")

        var throughput = TextTable(["threads", "tokens/chunk", "batch", "lore tok/s", "lore chunks/s",
                                    "ref tok/s", "ref chunks/s", "lore/ref"])
        for (lore, reference) in zip(report.lore, report.reference) {
            for cell in lore.throughput {
                let other = reference.run?.cell(tokens: cell.tokens_per_chunk, batch: cell.batch_size)
                throughput.add([
                    "\(lore.threads)", "\(cell.tokens_per_chunk)", "\(cell.batch_size)",
                    cell.tokensPerSecond.formatted(decimals: 0), cell.chunksPerSecond.formatted(decimals: 1),
                    other.map { $0.tokensPerSecond.formatted(decimals: 0) } ?? "–",
                    other.map { $0.chunksPerSecond.formatted(decimals: 1) } ?? "–",
                    other.map { (cell.tokensPerSecond / $0.tokensPerSecond).formatted(decimals: 2) + "×" } ?? "–",
                ])
            }
        }
        sections.append("throughput\n" + throughput.render())

        var latency = TextTable(["threads", "queries", "lore p50 ms", "lore p95 ms", "ref p50 ms", "ref p95 ms"])
        for (lore, reference) in zip(report.lore, report.reference) {
            let other = reference.run?.query_latency
            latency.add([
                "\(lore.threads)", "\(lore.query_latency.count)",
                lore.query_latency.p50_ms.formatted(decimals: 2), lore.query_latency.p95_ms.formatted(decimals: 2),
                other.map { $0.p50_ms.formatted(decimals: 2) } ?? "–", other.map { $0.p95_ms.formatted(decimals: 2) } ?? "–",
            ])
        }
        sections.append("single-query latency (≤ 16 tokens)\n" + latency.render())

        let stages = ["projection_gemm", "attention_gemm", "softmax", "gelu", "layer_norm", "bias", "embedding", "pooling"]
        var shares = TextTable(["threads", "tokens/chunk", "batch"] + stages + ["projection GFLOP/s/thread"])
        for lore in report.lore {
            let queries = lore.query_profile.map { [(label: "query", cell: $0)] } ?? []
            for (label, cell) in lore.throughput.map({ (label: "\($0.tokens_per_chunk)", cell: $0) }) + queries {
                let values = stages.map { ((cell.stage_shares?[$0] ?? 0) * 100).formatted(decimals: 1) + "%" }
                let speed = cell.projection_gflops_per_thread.map { $0.formatted(decimals: 1) } ?? "–"
                let tokens = label == "query" ? "≤16 (mean \(cell.tokens_per_chunk))" : label
                shares.add(["\(lore.threads)", tokens, "\(cell.batch_size)"] + values + [speed])
            }
        }
        sections.append("where lore's thread CPU time goes\n" + shares.render())

        var notes: [String] = []
        for (lore, reference) in zip(report.lore, report.reference) {
            if let run = reference.run {
                let agreement = reference.min_cosine_vs_lore.map { $0.formatted(decimals: 7) } ?? "–"
                notes.append("reference (\(lore.threads) thread(s)): \(run.implementation); min cosine vs lore \(agreement)")
            } else {
                notes.append("reference (\(lore.threads) thread(s)): not run — \(reference.unavailable ?? "unknown reason")")
            }
        }
        notes.append("goals: " + report.goals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        sections.append(notes.joined(separator: "\n"))
        return sections.joined(separator: "\n\n")
    }
}
