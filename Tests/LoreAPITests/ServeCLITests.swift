import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoreSystem
import Testing

/// `lore serve` and `lore worker` as an operator runs them: on the embedded database in a fresh
/// data directory, answering (serve, and the worker's metrics) and stopping cleanly on SIGTERM
/// with exit status 0.
@Suite(.serialized) struct ServeCLITests {
    /// Runs `lore` until it logs `ready`, hands `body` that line, then (once it has also logged
    /// `settled`, when given: a line from after start-up, when SIGTERM is handled) stops it with
    /// SIGTERM and returns its exit status.
    static func running(_ arguments: [String], until ready: String, settled: String? = nil, in dataDirectory: URL,
                        environment extra: [String: String] = [:], _ body: (String) async throws -> Void) async throws -> Int32 {
        let lore = try RunningLore(arguments, dataDirectory: dataDirectory, environment: extra)
        let readyLine = try #require(try await lore.line(containing: ready), "never logged \(ready): \(lore.log.contents)")
        try await body(readyLine)
        if let settled { try await lore.wait(until: { lore.log.contents.contains(settled) }) }
        return try await lore.end(sending: SIGTERM)?.status ?? -1
    }

    @Test func serveAnswersAndStopsCleanly() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let status = try await Self.running(["serve", "--port", "0"], until: "Lore is listening", in: dir.appendingPathComponent("data")) { line in
            let url = try #require(line.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression).map { String(line[$0]) })
            let (body, response) = try await URLSession.shared.data(from: URL(string: url + "/healthz")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(status == 0)
    }

    @Test func workerStartsAndStopsCleanly() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        // With --metrics-port the worker's own counters and timers can be scraped.
        let status = try await Self.running(["worker", "--concurrency", "1", "--log-level", "info", "--metrics-port", "0"],
                                            until: "worker metrics are served", in: dir.appendingPathComponent("data")) { line in
            let url = try #require(line.range(of: #"http://127\.0\.0\.1:\d+/metrics"#, options: .regularExpression).map { String(line[$0]) })
            var exposition = ""
            for _ in 0..<100 where !exposition.contains("lore_jobs_claim_query_seconds") {
                let (body, response) = try await URLSession.shared.data(from: URL(string: url)!)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                exposition = String(decoding: body, as: UTF8.self)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(exposition.contains("lore_jobs_claim_query_seconds"), "\(exposition.prefix(2000))")
        }
        #expect(status == 0)
    }

    /// SIGTERM while the worker is still starting (the embedded database is up, migrations and the
    /// model are still to come) stops it cleanly once start-up ends: exit status 0, the embedded
    /// PostgreSQL stopped, no job loop started.
    @Test func aStopAskedForDuringStartUpClosesTheRuntime() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let data = dir.appendingPathComponent("data")
        let lore = try RunningLore(["worker", "--concurrency", "1", "--log-level", "info"], dataDirectory: data)
        #expect(try await lore.line(containing: "embedded PostgreSQL started") != nil, "\(lore.log.contents)")
        let status = try await lore.end(sending: SIGTERM)?.status
        let text = lore.log.contents
        #expect(status == 0, "\(text)")
        #expect(text.contains("stopping: asked to stop while starting"), "\(text)")
        #expect(text.contains("embedded PostgreSQL stopped"), "\(text)")
        #expect(!text.contains("worker started"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("postgres/postmaster.pid").path))
    }

    /// `LORE_QUERY_PRECISION` and `LORE_QUERY_THREADS` pick the arithmetic and the threads of
    /// search queries, which the model's load reports; a value out of range stops the worker at
    /// start-up, naming the variable.
    @Test func theQueryPrecisionIsChosenAtStartUp() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let data = dir.appendingPathComponent("data")
        let status = try await Self.running(["worker", "--concurrency", "1", "--log-level", "info"], until: "loaded all-MiniLM-L6-v2",
                                            settled: "worker started", in: data, environment: ["LORE_QUERY_PRECISION": "float32"]) { line in
            #expect(line.contains("lore.model.query_precision=float32"), "\(line)")
            // float32 query passes use two threads unless told otherwise (one on a one-core machine).
            let threads = min(2, ProcessInfo.processInfo.activeProcessorCount)
            #expect(line.contains("lore.model.query_threads=\(threads)"), "\(line)")
        }
        #expect(status == 0)

        // A value out of range stops the worker before it starts, naming the variable.
        for (variable, value, message) in [("LORE_QUERY_PRECISION", "int4", "LORE_QUERY_PRECISION must be one of float32, float32-panels, bfloat16, int8, not ‘int4’"),
                                           ("LORE_QUERY_THREADS", "0", "LORE_QUERY_THREADS must be a whole number from 1 to")] {
            let refused = try await ProcessRunner.run(try RemoteCLITests.binary(), ["worker", "--concurrency", "1"],
                                                      environment: ["LORE_DATA_DIR": data.path, "LORE_DB_SHARED_BUFFERS_MB": "128",
                                                                    "LORE_URL": "", "LORE_API_KEY": "", variable: value],
                                                      limits: ProcessLimits(wallClock: .seconds(120)))
            #expect(refused.exitCode != 0, "\(variable)=\(value)")
            #expect(refused.standardError.contains(message), "\(refused.standardError)")
        }
    }

    /// A damaged model file stops a worker at start-up with an error naming the file, instead of
    /// failing every job later. The tools folder is the real one, but for a truncated MiniLM.
    @Test func aDamagedModelStopsTheWorkerAtStartUp() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let files = FileManager.default
        let realTools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".tools")
        let tools = dir.appendingPathComponent("tools")
        // A copy of the tools folder made of links, down to the model whose weights are cut short.
        func mirror(_ source: URL, into target: URL, except damaged: [String]) throws {
            try files.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: source.path) where !damaged.contains(name) {
                try files.createSymbolicLink(at: target.appendingPathComponent(name), withDestinationURL: source.appendingPathComponent(name))
            }
        }
        try mirror(realTools, into: tools, except: ["models"])
        try mirror(realTools.appendingPathComponent("models"), into: tools.appendingPathComponent("models"), except: ["all-MiniLM-L6-v2"])
        let model = "models/all-MiniLM-L6-v2"
        try mirror(realTools.appendingPathComponent(model), into: tools.appendingPathComponent(model), except: ["model.safetensors"])
        let weights = try Data(contentsOf: realTools.appendingPathComponent("\(model)/model.safetensors"), options: .alwaysMapped)
        try weights.prefix(4096).write(to: tools.appendingPathComponent("\(model)/model.safetensors"))

        let lore = try RunningLore(["worker", "--concurrency", "1"], dataDirectory: dir.appendingPathComponent("data"),
                                   environment: ["LORE_TOOLS_DIR": tools.path])
        let ended = try await lore.end(limit: .seconds(120))
        let text = lore.log.contents
        #expect(ended != nil && ended?.status != 0, "\(text)")
        #expect(text.contains("model.safetensors"), "\(text)")
    }
}
