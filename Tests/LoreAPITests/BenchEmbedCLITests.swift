import Foundation
import Testing
import LoreInference
import LoreSystem

/// `lore bench embed` as a developer runs it, on a tiny Cranfield-shaped folder the test writes:
/// each precision of the linear layers, and a precision that does not exist.
@Suite struct BenchEmbedCLITests {
    static func lore(_ arguments: [String], in directory: URL) async throws -> RemoteCLITests.Run {
        try await RemoteCLITests.local(["bench", "embed"] + arguments, in: directory, wallClock: .seconds(300))
    }

    /// `data/retrieval/cranfield` with a few abstracts and questions.
    static func data(in directory: URL) throws {
        let folder = directory.appendingPathComponent("data/retrieval/cranfield")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let abstracts = [
            "experimental investigation of the aerodynamics of a wing in a slipstream at low speeds and high angles of attack",
            "the boundary layer on a flat plate in supersonic flow was measured with pressure probes and hot wires",
            "heat transfer to a cylinder in hypersonic flow depends strongly on the nose radius and the wall temperature",
        ]
        let questions = ["what is the lift of a wing in a slipstream", "how does heat transfer change in hypersonic flow"]
        func lines(_ texts: [String]) -> String {
            texts.enumerated().map { "{\"_id\": \"\($0.offset + 1)\", \"text\": \"\($0.element)\"}" }.joined(separator: "\n")
        }
        try lines(abstracts).write(to: folder.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        try lines(questions).write(to: folder.appendingPathComponent("queries.jsonl"), atomically: true, encoding: .utf8)
    }

    @Test func measuresEachPrecisionAndRefusesAnUnknownOne() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.data(in: dir)
        let small = ["--data", "data", "--threads", "1", "--lengths", "32", "--batches", "1,2", "--tokens", "64",
                     "--queries", "3", "--repeats", "1", "--no-reference"]

        for (precision, engine) in [(EncoderPrecision.float32, "OpenBLAS sgemm"), (.bfloat16, "bfloat16 kernel"), (.int8, "int8 kernel")] {
            let run = try await Self.lore(small + ["--precision", precision.rawValue, "--json", "\(precision).json"], in: dir)
            if !precision.isAvailable {
                #expect(run.status != 0)
                #expect(run.stderr.contains("needs \(precision.requirement)"), "\(run.stderr)")
                continue
            }
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("single-query latency"), "\(run.stdout)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("\(precision).json"))) as? [String: Any])
            let lore = try #require((report["lore"] as? [[String: Any]])?.first)
            #expect((lore["implementation"] as? String)?.contains(engine) == true, "\(lore["implementation"] ?? "nil")")
            let cells = try #require(lore["throughput"] as? [[String: Any]])
            #expect(cells.count == 2 && cells.allSatisfy { $0["tokens_per_chunk"] as? Int == 32 && ($0["seconds"] as? Double ?? 0) > 0 }, "\(cells)")
            let latency = try #require(lore["query_latency"] as? [String: Any])
            #expect(latency["count"] as? Int == 3 && (latency["p50_ms"] as? Double ?? 0) > 0, "\(latency)")
        }

        let unknown = try await Self.lore(small + ["--precision", "int4"], in: dir)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("float32") && unknown.stderr.contains("bfloat16"), "\(unknown.stderr)")
    }
}
