import Foundation
import LoreCore
import LoreSystem

/// Runs the same workload with sentence-transformers (PyTorch) through
/// `scripts/bench/minilm_reference.py`, in the venv that `scripts/setup --bench` installs.
enum ReferenceEmbeddingBenchmark {
    struct Installation {
        var python: URL
        var script: URL
    }

    /// The reference's interpreter and script, or why it cannot run.
    static func locate() -> Result<Installation, LoreError> {
        guard let tools = try? ToolsDirectory.locate() else {
            return .failure(LoreError(.toolsMissing, "no .tools folder: run scripts/setup --bench"))
        }
        let python = tools.appendingPathComponent("venv-reference/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            return .failure(LoreError(.toolsMissing, "reference not installed: run scripts/setup --bench"))
        }
        let script = tools.deletingLastPathComponent().appendingPathComponent("scripts/bench/minilm_reference.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            return .failure(LoreError(.toolsMissing, "\(script.path) is missing"))
        }
        return .success(Installation(python: python, script: script))
    }

    private struct Output: Decodable {
        var implementation: String
        var threads: Int
        var throughput: [ThroughputMeasurement]
        var query_latencies: [Double]
        var samples: [String: [[Float]]]
    }

    static func run(
        _ installation: Installation, model: URL, threads: Int, workloadFile: URL
    ) async throws -> (run: ImplementationRun, samples: [String: [[Float]]]) {
        // libgomp busy-waits by default, which collapses PyTorch's multi-threaded speed as soon
        // as other processes share the cores (and would flatter Lore); passive waiting unless
        // the caller chose otherwise.
        let waitPolicy = ProcessInfo.processInfo.environment["OMP_WAIT_POLICY"] ?? "PASSIVE"
        let output = try await ProcessRunner.run(
            installation.python.path,
            [installation.script.path, "--model", model.path, "--workload", workloadFile.path, "--threads", String(threads)],
            environment: ["OMP_NUM_THREADS": String(threads), "OMP_WAIT_POLICY": waitPolicy, "HF_HUB_OFFLINE": "1",
                          "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"],
            limits: ProcessLimits(wallClock: .seconds(3600), maxOutputBytes: 256 << 20))
        guard output.succeeded else {
            let reason = output.standardError.split(separator: "\n").suffix(3).joined(separator: " | ")
            throw LoreError(.processFailed, "the reference failed (exit \(output.exitCode)): \(reason)")
        }
        let parsed: Output
        do {
            parsed = try JSONDecoder().decode(Output.self, from: Data(output.standardOutput))
        } catch {
            throw LoreError(.processFailed, "the reference printed no valid result: \(error)")
        }
        let run = ImplementationRun(implementation: parsed.implementation, threads: parsed.threads,
                                    throughput: parsed.throughput,
                                    query_latency: LatencySummary(seconds: parsed.query_latencies))
        return (run, parsed.samples)
    }
}
