import Foundation
import Testing
import LoreSystem

/// `lore bench quality` as a developer runs it, on a tiny BEIR folder the test writes: every
/// mode through the real pipeline and search service, the fusion and candidate-depth sweeps,
/// and a folder that is not a BEIR collection.
@Suite struct BenchQualityCLITests {
    static func lore(_ arguments: [String], in directory: URL) async throws -> RemoteCLITests.Run {
        try await RemoteCLITests.local(["bench", "quality"] + arguments, in: directory)
    }

    /// Four documents on unrelated subjects, one question about each.
    static func collection(in directory: URL) throws -> URL {
        let folder = directory.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("qrels"), withIntermediateDirectories: true)
        let documents = [
            ("volcano", "Volcanoes", "A volcano erupts when magma rises through the crust; lava flows and ash clouds follow the eruption."),
            ("violin", "The violin", "The violin is a string instrument played with a bow; its four strings are tuned in fifths."),
            ("bread", "Baking bread", "Bread dough rises because yeast ferments the flour's sugars; the loaf is baked in a hot oven."),
            ("tides", "Ocean tides", "Tides are caused by the gravity of the moon and the sun pulling on the oceans of the earth."),
        ]
        let questions = [("q1", "why does lava come out of a volcano", "volcano"), ("q2", "how many strings does a violin have", "violin"),
                         ("q3", "what makes dough rise when baking bread", "bread"), ("q4", "what causes the tides of the ocean", "tides")]
        try documents.map { "{\"_id\": \"\($0.0)\", \"title\": \"\($0.1)\", \"text\": \"\($0.2)\"}" }.joined(separator: "\n")
            .write(to: folder.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        try questions.map { "{\"_id\": \"\($0.0)\", \"text\": \"\($0.1)\"}" }.joined(separator: "\n")
            .write(to: folder.appendingPathComponent("queries.jsonl"), atomically: true, encoding: .utf8)
        try (["query-id\tcorpus-id\tscore"] + questions.map { "\($0.0)\t\($0.2)\t1" }).joined(separator: "\n")
            .write(to: folder.appendingPathComponent("qrels/test.tsv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func measuresEveryModeAndTheSweeps() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        _ = try Self.collection(in: dir)

        let run = try await Self.lore(["--dataset", "tiny", "--sweep", "--json", "quality.json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("hybrid − max(BM25, vector)"), "\(run.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("quality.json"))) as? [String: Any])
        #expect(report["documents"] as? Int == 4 && report["queries"] as? Int == 4, "\(report)")
        let results = try #require(report["results"] as? [[String: Any]])
        for mode in ["vector", "keyword", "hybrid"] {
            let result = try #require(results.first { $0["mode"] as? String == mode }, "\(results)")
            // Each question has one answer, on a subject no other document shares.
            #expect(result["ndcg10"] as? Double ?? 0 >= 0.75, "\(mode): \(result)")
            #expect(result["queries"] as? Int == 4)
        }
        let sweep = try #require(report["sweep"] as? [[String: Any]])
        #expect(sweep.count == 20, "\(sweep.count) fusion settings")
        let depths = try #require(report["depthSweep"] as? [[String: Any]])
        #expect(depths.compactMap { $0["candidateDepth"] as? Int } == [20, 30, 50, 100, 100, 100, 100], "\(depths)")
        #expect(depths.map { $0["vectorCandidateDepth"] as? Int } == [nil, nil, nil, nil, 30, 50, 70], "\(depths)")
        for row in depths {
            let result = try #require(row["result"] as? [String: Any])
            #expect(row["limit"] as? Int == 20 && result["mode"] as? String == "hybrid" && result["ndcg10"] as? Double ?? 0 >= 0.75, "\(row)")
        }

        let notBEIR = try await Self.lore(["--dataset", "nowhere"], in: dir)
        #expect(notBEIR.status != 0)
        #expect(notBEIR.stderr.contains("a BEIR folder has corpus.jsonl"), "\(notBEIR.stderr)")
    }
}
