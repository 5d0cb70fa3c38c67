import ArgumentParser
import Foundation
import LoreCore
import LoreInference

/// `lore bench embed`: throughput and query latency of the local MiniLM engine, with
/// sentence-transformers on the same weights side by side.
struct BenchEmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Benchmark the local embedding engine against sentence-transformers.",
        discussion: """
        Embeds chunks of exactly 32, 128 and 256 tokens cut from the Cranfield abstracts in \
        batches of 1, 16 and 64, and single queries of at most 16 tokens, with each thread count. \
        The reference (sentence-transformers on PyTorch, same weights, same thread count) runs \
        the identical workload when `scripts/setup --bench` has installed it. Prints a table and \
        writes JSON with --json. Goals on a 2-core machine: ≥ 6,000 tokens/s with 2 threads at \
        128 tokens, ≥ 1.5× the reference at equal threads, query p50 ≤ 5 ms.
        """
    )

    @Option(help: "The development data folder (reads retrieval/cranfield).")
    var data: String = "../shared/data"

    @Option(help: "Comma-separated thread counts.")
    var threads: String = "1,2"

    @Option(help: "Comma-separated chunk lengths in tokens (including [CLS] and [SEP]).")
    var lengths: String = "32,128,256"

    @Option(help: "Comma-separated batch sizes.")
    var batches: String = "1,16,64"

    @Option(help: "Tokens embedded per (length, batch) cell and run.")
    var tokens: Int = 8192

    @Option(help: "Single queries timed per thread count.")
    var queries: Int = 200

    @Option(help: "Times each cell runs; the fastest counts (for both engines).")
    var repeats: Int = 3

    @Option(name: .customLong("json"), help: "Write the full results as JSON to this file.")
    var jsonPath: String?

    @Flag(help: "Skip the sentence-transformers reference.")
    var noReference = false

    @Option(help: "Arithmetic of Lore's linear layers: float32 (OpenBLAS, what documents use), float32-panels (Lore's AVX2/FMA kernel), bfloat16 (AVX-512 BF16) or int8 (AVX-512 VNNI); search queries use the fastest one the CPU has.")
    var precision: EncoderPrecision = .float32

    func validate() throws {
        for list in [threads, lengths, batches] where (try? Self.integers(list)) == nil {
            throw ValidationError("expected a comma-separated list of positive integers, got '\(list)'")
        }
        guard try Self.integers(lengths).allSatisfy({ $0 >= 3 && $0 <= 256 }) else {
            throw ValidationError("chunk lengths must be between 3 and 256 tokens")
        }
        guard tokens > 0, queries > 0, repeats > 0 else { throw ValidationError("--tokens, --queries and --repeats must be positive") }
        guard precision.isAvailable else {
            throw ValidationError("--precision \(precision.rawValue) needs \(precision.requirement), which this one lacks")
        }
    }

    func run() async throws {
        let files = try MiniLMModelFiles.installed()
        let threadCounts = try Self.integers(threads)
        let dataURL = URL(fileURLWithPath: data)
        let tokenizer = try MiniLMEmbedder(files: files, configuration: .init(threads: 1)).tokenizer
        let workload = try EmbeddingWorkload.make(
            data: dataURL, tokenizer: tokenizer, lengths: try Self.integers(lengths),
            batchSizes: try Self.integers(batches), tokensPerRun: tokens, queryCount: queries, maxQueryTokens: 16,
            repeats: repeats)
        let workloadFile = FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-embed-\(UUID().uuidString).json")
        try JSONEncoder().encode(workload).write(to: workloadFile)
        defer { try? FileManager.default.removeItem(at: workloadFile) }

        let reference = noReference ? .failure(LoreError(.invalidArgument, "skipped (--no-reference)")) : ReferenceEmbeddingBenchmark.locate()
        var loreRuns: [ImplementationRun] = []
        var referenceRuns: [ReferenceOutcome] = []
        let progress: (String) -> Void = { FileHandle.standardError.write(Data("… \($0)\n".utf8)) }
        for count in threadCounts {
            let lore = try await LoreEmbeddingBenchmark.run(files: files, threads: count, precision: precision, workload: workload, progress: progress)
            loreRuns.append(lore.run)
            switch reference {
            case .failure(let error):
                referenceRuns.append(ReferenceOutcome(unavailable: error.message))
            case .success(let installation):
                progress("reference, \(count) thread(s)")
                do {
                    let result = try await ReferenceEmbeddingBenchmark.run(
                        installation, model: files.directory, threads: count, workloadFile: workloadFile)
                    referenceRuns.append(ReferenceOutcome(run: result.run, min_cosine_vs_lore: Self.minCosine(lore.samples, result.samples)))
                } catch let error as LoreError {
                    referenceRuns.append(ReferenceOutcome(unavailable: error.message))
                }
            }
        }

        let report = EmbeddingBenchmarkReport(
            model: "\(MiniLMEmbedder.modelName) (\(files.weights.path))", data: dataURL.path,
            machine: "\(ProcessInfo.processInfo.activeProcessorCount) cores",
            tokens_per_run: tokens, repeats: repeats, lore: loreRuns, reference: referenceRuns,
            goals: ["tokens_per_second_2_threads_128": "≥ 6000", "speedup_vs_reference": "≥ 1.5×", "query_p50_ms": "≤ 5"])
        print(EmbeddingBenchmarkReportPrinter.render(report))
        if let jsonPath {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: jsonPath))
            print("\nwrote \(jsonPath)")
        }
    }

    static func integers(_ list: String) throws -> [Int] {
        let values = list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { throw ValidationError("bad list '\(list)'") }
        return values.map { $0! }
    }

    private static func minCosine(_ lore: [String: [[Float]]], _ reference: [String: [[Float]]]) -> Double? {
        var lowest: Double?
        for (length, vectors) in lore {
            for (a, b) in zip(vectors, reference[length] ?? []) {
                var dot = 0.0, na = 0.0, nb = 0.0
                for (x, y) in zip(a, b) {
                    dot += Double(x) * Double(y); na += Double(x * x); nb += Double(y * y)
                }
                let cosine = dot / (na.squareRoot() * nb.squareRoot())
                lowest = min(lowest ?? cosine, cosine)
            }
        }
        return lowest
    }
}

extension EncoderPrecision: ExpressibleByArgument {}
