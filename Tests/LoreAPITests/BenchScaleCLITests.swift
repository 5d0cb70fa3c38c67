import Foundation
import Testing
import LoreSystem

/// `lore bench scale` as a developer runs it, at a small size: a run that keeps its data in
/// `--work`, a second that measures that data again with `--reuse`, and the misuses of both.
@Suite struct BenchScaleCLITests {
    static func lore(_ arguments: [String], in directory: URL) async throws -> RemoteCLITests.Run {
        try await RemoteCLITests.local(["bench", "scale"] + arguments, in: directory)
    }

    @Test func keepsItsDataAndMeasuresItAgain() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let small = ["--chunks", "1500", "--orgs", "10", "--queries", "3", "--skip-reference", "--skip-http"]

        let noWork = try await Self.lore(["--reuse"] + small, in: dir)
        #expect(noWork.status != 0)
        #expect(noWork.stderr.contains("--reuse needs --work"), "\(noWork.stderr)")

        let first = try await Self.lore(small + ["--work", "scale", "--json", "first.json"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("first.json"))) as? [String: Any])
        #expect(report["chunks"] as? Int == 1_500)
        let classes = try #require(report["classes"] as? [[String: Any]])
        #expect(!classes.isEmpty)
        // Every organisation is below the dedicated-index threshold: exact search, exact recall.
        #expect(classes.allSatisfy { $0["route"] as? String == "exact" && $0["recall"] as? Double == 1 }, "\(classes)")
        // The query's own round trip is part of its transaction.
        #expect(classes.allSatisfy { ($0["queryP95Ms"] as? Double ?? 0) > 0 && ($0["queryP95Ms"] as? Double ?? 0) <= ($0["p95Ms"] as? Double ?? 0) }, "\(classes)")

        // Realistic vectors by default, their neighbour structure near the calibration's (MiniLM on real passages: 15).
        #expect(report["vectors"] as? String == "realistic")
        let structure = try #require(report["neighbourStructure"] as? [String: Any])
        let dimension = try #require(structure["intrinsicDimension"] as? Double)
        #expect(dimension > 12 && dimension < 30, "\(structure)")

        let otherVectors = try await Self.lore(small + ["--vectors", "isotropic", "--work", "scale", "--reuse"], in: dir)
        #expect(otherVectors.status != 0)
        #expect(otherVectors.stderr.contains("holds realistic vectors"), "\(otherVectors.stderr)")
        // Refused before its database starts: none is left running.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("scale/data/postgres/postmaster.pid").path))

        // Measured again, with a short HTTP measurement of keyword search alone.
        let http = ["--http-mode", "keyword", "--http-requests", "5", "--clients", "2", "--http-seconds", "1", "--json", "again.json"]
        let again = try await Self.lore(small.filter { $0 != "--skip-http" } + ["--work", "scale", "--reuse"] + http, in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("loaded by an earlier run"), "\(again.stdout)")
        #expect(again.stdout.contains("Keyword search over HTTP (no query embedding)"), "\(again.stdout)")
        let againReport = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("again.json"))) as? [String: Any])
        let httpReport = try #require(againReport["http"] as? [String: Any])
        #expect(httpReport["mode"] as? String == "keyword" && httpReport["requests"] as? Int == 5, "\(httpReport)")
        #expect((httpReport["throughputPerSecond"] as? Double ?? 0) > 0, "\(httpReport)")
        // The service's own time (`took_ms`) of each request is part of the client's, so its percentiles are too.
        let (service, client) = (httpReport["serviceP50Ms"] as? Double ?? 0, httpReport["p50Ms"] as? Double ?? 0)
        #expect(service > 0 && service <= client, "\(httpReport)")
        #expect(again.stdout.contains("the search service's own time, took_ms: p50"), "\(again.stdout)")

        // Beside the seed design: at pgvector's default probes, and where that finds less than
        // Lore, again with probes raised until it finds as much (every list: an exact scan).
        let withSeed = try await Self.lore(small.filter { $0 != "--skip-reference" } + ["--work", "scale", "--reuse", "--json", "seed.json"], in: dir)
        #expect(withSeed.status == 0, "\(withSeed.stderr)")
        let seedReport = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("seed.json"))) as? [String: Any])
        let seedClasses = try #require(seedReport["classes"] as? [[String: Any]])
        for row in seedClasses {
            let recall = try #require(row["recall"] as? Double), seedRecall = try #require(row["seedRecall"] as? Double)
            if seedRecall < recall {
                let equal = try #require(row["seedAtEqualRecall"] as? [String: Any], "\(row)")
                let probes = try #require(equal["probes"] as? Int)
                #expect(probes > 1 && ((equal["recall"] as? Double ?? 0) >= recall || probes == 100), "\(row)")
                #expect((equal["p95Ms"] as? Double ?? 0) > 0, "\(row)")
            } else {
                #expect(row["seedAtEqualRecall"] == nil, "\(row)")
            }
        }
        #expect(!seedClasses.contains { $0["seedAtEqualRecall"] != nil } || withSeed.stdout.contains("The seed design at equal or better recall"), "\(withSeed.stdout)")
        // Measured, the seed's tables are gone: they would hold buffers Lore's runs need.
        let schemas = try await RemoteCLITests.local(["db", "psql", "--data-dir", "scale/data", "--", "-Atc",
                                                      "SELECT count(*) FROM pg_namespace WHERE nspname = 'seedref'"], in: dir)
        _ = try await RemoteCLITests.local(["db", "stop", "--data-dir", "scale/data"], in: dir)
        #expect(schemas.status == 0 && schemas.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(schemas.stdout) \(schemas.stderr)")

        // Organisations from 100 chunks get their own index, measured and then searched with ef_search 40.
        let dedicated = try await Self.lore(small + ["--work", "scale", "--reuse", "--dedicated-threshold", "100", "--ef-search", "40", "--json", "dedicated.json"], in: dir)
        #expect(dedicated.status == 0, "\(dedicated.stderr)")
        let dedicatedReport = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("dedicated.json"))) as? [String: Any])
        let indexes = try #require(dedicatedReport["indexes"] as? [String: Any])
        #expect((indexes["organisations"] as? Int ?? 0) > 0 && indexes["efSearchTuned"] as? Int == indexes["organisations"] as? Int, "\(indexes)")
        #expect(dedicatedReport["efSearch"] as? Int == 40)
        let dedicatedClasses = try #require(dedicatedReport["classes"] as? [[String: Any]])
        #expect(dedicatedClasses.contains { ($0["route"] as? String ?? "").contains("dedicated") }, "\(dedicatedClasses)")

        for (arguments, message) in [(["--ef-search", "0"], "--ef-search must be between 1 and 1000"),
                                     (["--dedicated-threshold", "0"], "--dedicated-threshold must be at least 1"),
                                     (["--chunks", "10", "--orgs", "1000"], "--chunks must be at least twice --orgs")] {
            let refused = try await Self.lore(arguments + ["--skip-reference", "--skip-http"], in: dir)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }

        let otherSize = try await Self.lore(["--chunks", "1000"] + small.dropFirst(2) + ["--work", "scale", "--reuse"], in: dir)
        #expect(otherSize.status != 0)
        #expect(otherSize.stderr.contains("holds 1500 chunks"), "\(otherSize.stderr)")
        let reload = try await Self.lore(small + ["--work", "scale"], in: dir)
        #expect(reload.status != 0)
        #expect(reload.stderr.contains("already holds chunks"), "\(reload.stderr)")
    }
}
