import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LoreAPI
import LoreApp
import LoreCore
import LoreJobs
import LoreSystem
import LoreTestSupport

/// `lore ingest`, `lore media` and `lore search` as a user runs them against a server: the real
/// `lore` binary with `LORE_URL`/`LORE_API_KEY`, the real API listening on a port, the test
/// database, and workers processing what the CLI uploads.
@Suite(.serialized) struct RemoteCLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// The `lore` executable built beside this test binary.
    static func binary() throws -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("lore").path,
                          root.appendingPathComponent(".build/debug/lore").path]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw LoreError(.internalError, "the lore binary is not built (looked at \(candidates.joined(separator: ", "))): swift build --build-tests")
        }
        return found
    }

    /// Runs `lore ARGS` in `directory` with exactly these remote variables (absent ones empty).
    static func lore(_ arguments: [String], url: String?, key: String?, in directory: URL) async throws -> Run {
        let output = try await ProcessRunner.run(try binary(), arguments, environment: ["LORE_URL": url ?? "", "LORE_API_KEY": key ?? ""],
                                                 workingDirectory: directory.path, limits: ProcessLimits(wallClock: .seconds(900)))
        return Run(status: output.exitCode, stdout: output.standardOutputText, stderr: output.standardError)
    }

    /// `lore ARGUMENTS` on this machine's own data (no server), with a small buffer cache for the
    /// embedded PostgreSQL it starts: how the benchmark commands are run.
    static func local(_ arguments: [String], in directory: URL, wallClock: Duration = .seconds(600)) async throws -> Run {
        let output = try await ProcessRunner.run(try binary(), arguments,
                                                 environment: ["LORE_URL": "", "LORE_API_KEY": "", "LORE_DB_SHARED_BUFFERS_MB": "128"],
                                                 workingDirectory: directory.path, limits: ProcessLimits(wallClock: wallClock))
        return Run(status: output.exitCode, stdout: output.standardOutputText, stderr: output.standardError)
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lore-remote-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The API on a real port over a database of its own, workers processing its jobs, for `body`.
    static func withServer(maxUploadBytes: Int64 = 64 << 20, environment: [String: String]? = nil,
                           _ body: @escaping @Sendable (APIHarness, any TestClientProtocol, String) async throws -> Void) async throws {
        try await TestRuntime.withOwnDatabase(maxUploadBytes: maxUploadBytes, environment: environment) { runtime in
            let harness = APIHarness(runtime: runtime)
            let app = Application(router: try LoreAPI.buildRouter(runtime: runtime))
            try await app.test(.live) { client in
                let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                                      configuration: WorkerConfiguration(concurrency: 2), logger: TestCluster.logger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await pool.run() }
                    defer { group.cancelAll() }
                    try await body(harness, client, "http://localhost:\(client.port!)")
                }
            }
        }
    }

    /// `lore search --rerank` asks the server to re-rank, and says which model did.
    @Test func searchCanAskTheServerToRerank() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let note = dir.appendingPathComponent("harbour.md")
        try "# Harbour\n\nThe crane inspection found corrosion on the north gantry rails.\n".write(to: note, atomically: true, encoding: .utf8)
        try await OpenAISimulator.run { simulator in
            let environment = ["LORE_RERANK_BASE_URL": simulator.baseURL.absoluteString,
                               "LORE_RERANK_API_KEY": "sk-simulator-test-key-0123456789abcdef", "LORE_RERANK_MODEL": "rerank-cli"]
            try await Self.withServer(environment: environment) { harness, client, url in
                let (_, key) = try await harness.createOrg(client)
                let ingest = try await Self.lore(["ingest", "--wait", note.path], url: url, key: key, in: dir)
                #expect(ingest.status == 0, "\(ingest.stderr)")
                let text = try await Self.lore(["search", "--rerank", "gantry corrosion"], url: url, key: key, in: dir)
                #expect(text.status == 0, "\(text.stderr)")
                #expect(text.stdout.contains("(hybrid, re-ranked by cohere:rerank-cli,"), "\(text.stdout)")
                #expect(await simulator.requests.last?.fields["query"] == "gantry corrosion")
                let plain = try await Self.lore(["search", "--json", "gantry corrosion"], url: url, key: key, in: dir)
                #expect((plain.json as? [String: Any])?["reranker"] as? String == nil, "\(plain.stdout)")
            }
        }
    }

    @Test func ingestListShowSearchAndDeleteThroughTheAPI() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let note = dir.appendingPathComponent("field notes.md")
        try "# Field notes\n\nThe zebra-striped quokka migration crosses the Tagus every Tuesday at dawn.\n".write(to: note, atomically: true, encoding: .utf8)
        try await Self.withServer { harness, client, url in
            let (_, key) = try await harness.createOrg(client)
            let slug = (try APIHarness.object(try await client.execute(uri: "/v1/org", method: .get, headers: APIHarness.bearer(key)))["organization"]
                as? [String: Any])?["slug"] as? String ?? ""

            // Upload and follow the server's workers until searchable.
            let ingest = try await Self.lore(["ingest", "--wait", "--org", slug, note.path], url: url, key: key, in: dir)
            #expect(ingest.status == 0, "\(ingest.stderr)")
            #expect(ingest.stderr.contains("Ingesting 1 file(s) into \(slug)…"))
            #expect(ingest.stderr.contains("field notes.md: stored as document"))
            #expect(ingest.stderr.contains("[####################] 1/1"), "a full progress bar once it is ready: \(ingest.stderr)")
            #expect(ingest.stderr.contains("Done: 1 stored, 0 duplicate(s), 0 rejected, 1 ready"), "\(ingest.stderr)")

            // The same content again: a duplicate, reported as such, in the --json report.
            let again = try await Self.lore(["ingest", "--json", note.path], url: url, key: key, in: dir)
            #expect(again.status == 0, "\(again.stderr)")
            let report = (again.json as? [[String: Any]])?.first
            #expect(report?["outcome"] as? String == "duplicate")
            #expect(report?["status"] as? String == "ready")
            let id = try #require(report?["media_id"] as? String)

            let list = try await Self.lore(["media", "list", "--json"], url: url, key: key, in: dir)
            #expect(list.status == 0, "\(list.stderr)")
            let rows = list.json as? [[String: Any]] ?? []
            #expect(rows.map { $0["id"] as? String } == [id])
            #expect(rows.first?["title"] as? String == "field notes")
            let table = try await Self.lore(["media", "list"], url: url, key: key, in: dir)
            #expect(table.stdout.contains(id) && table.stdout.contains("document"))

            let show = try await Self.lore(["media", "show", "--json", id], url: url, key: key, in: dir)
            #expect(show.status == 0, "\(show.stderr)")
            let detail = show.json as? [String: Any]
            #expect(detail?["status"] as? String == "ready")
            #expect(((detail?["chunks"] as? [String: Int]) ?? [:]).values.reduce(0, +) > 0)
            #expect((detail?["stages"] as? [[String: Any]])?.first?["stage"] as? String == "document")

            let search = try await Self.lore(["search", "--json", "--mode", "keyword", "--kinds", "document", "quokka migration"], url: url, key: key, in: dir)
            #expect(search.status == 0, "\(search.stderr)")
            let hits = (search.json as? [String: Any])?["hits"] as? [[String: Any]] ?? []
            #expect(hits.first?["media_id"] as? String == id)
            #expect((search.json as? [String: Any])?["mode"] as? String == "keyword")
            let text = try await Self.lore(["search", "--group", "When does the quokka migration cross the river?"], url: url, key: key, in: dir)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("1. field notes  [document]"), "\(text.stdout)")

            let delete = try await Self.lore(["media", "delete", id], url: url, key: key, in: dir)
            #expect(delete.status == 0, "\(delete.stderr)")
            #expect(delete.stdout.contains("Deleted \(id)."))
            let gone = try await Self.lore(["media", "show", id], url: url, key: key, in: dir)
            #expect(gone.status == 66)
            #expect(gone.stderr.contains("error: not_found: no such media item"), "\(gone.stderr)")
            let empty = try await Self.lore(["media", "list"], url: url, key: key, in: dir)
            #expect(empty.stdout.contains("No media yet"))
        }
    }

    @Test func aRecordingGoesUpWithItsSidecarTranscript() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.wav(seconds: 3).write(to: dir.appendingPathComponent("standup.wav"))
        try "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nThe pelican budget review moves to Thursday.\n"
            .write(to: dir.appendingPathComponent("standup.vtt"), atomically: true, encoding: .utf8)
        try await Self.withServer { harness, client, url in
            let (_, key) = try await harness.createOrg(client)
            let ingest = try await Self.lore(["ingest", "--wait", "--json", dir.path], url: url, key: key, in: dir)
            let reports = ingest.json as? [[String: Any]] ?? []
            #expect(reports.count == 1, "one item: the recording with its transcript; \(ingest.stdout) \(ingest.stderr)")
            #expect(reports.first?["status"] as? String == "ready", "\(ingest.stdout) \(ingest.stderr)")
            let search = try await Self.lore(["search", "--json", "--mode", "keyword", "pelican budget"], url: url, key: key, in: dir)
            let hit = ((search.json as? [String: Any])?["hits"] as? [[String: Any]])?.first
            #expect(hit?["media_id"] as? String == reports.first?["media_id"] as? String, "\(search.stdout) \(search.stderr)")
            #expect((hit?["link"] as? [String: Any])?["kind"] as? String == "time")
        }
    }

    @Test func failuresAreTypedErrorsWithExitCodes() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let note = dir.appendingPathComponent("a.txt")
        try "hello".write(to: note, atomically: true, encoding: .utf8)
        // Larger than the server's upload limit: refused before the body is read, reported per file.
        let large = dir.appendingPathComponent("large.txt")
        try Data(repeating: UInt8(ascii: "a"), count: 3 << 20).write(to: large)
        try await Self.withServer(maxUploadBytes: 1 << 20) { harness, client, url in
            let (_, key) = try await harness.createOrg(client)

            let tooLarge = try await Self.lore(["ingest", large.path], url: url, key: key, in: dir)
            #expect(tooLarge.status == 65)
            #expect(tooLarge.stderr.contains("large.txt: rejected — payload_too_large: "), "\(tooLarge.stderr)")
            #expect(tooLarge.stderr.contains("Done: 0 stored, 0 duplicate(s), 1 rejected"), "\(tooLarge.stderr)")

            let wrongKey = try await Self.lore(["media", "list"], url: url, key: "lore_wrong_key", in: dir)
            #expect(wrongKey.status == 77)
            #expect(wrongKey.stderr.hasPrefix("error: invalid_api_key: "), "\(wrongKey.stderr)")

            let otherOrg = try await Self.lore(["ingest", "--org", "some-other-org", note.path], url: url, key: key, in: dir)
            #expect(otherOrg.status == 65)
            #expect(otherOrg.stderr.contains("--org some-other-org does not match LORE_API_KEY"), "\(otherOrg.stderr)")

            let empty = try await Self.lore(["ingest", dir.appendingPathComponent("empty.txt").path], url: url, key: key, in: dir)
            #expect(empty.status == 66, "a missing path")

            try Data().write(to: dir.appendingPathComponent("empty.txt"))
            let rejected = try await Self.lore(["ingest", "--json", dir.appendingPathComponent("empty.txt").path], url: url, key: key, in: dir)
            #expect(rejected.status == 65)
            #expect((rejected.json as? [[String: Any]])?.first?["outcome"] as? String == "rejected", "\(rejected.stdout) \(rejected.stderr)")

            let badSearch = try await Self.lore(["search", "--limit", "500", "anything"], url: url, key: key, in: dir)
            #expect(badSearch.status == 65)
            #expect(badSearch.stderr.contains("error: invalid_argument: limit must be between 1 and 100"), "\(badSearch.stderr)")
        }
    }

    @Test func aMissingVariableOrAnUnreachableServerIsAClearError() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let onlyURL = try await Self.lore(["media", "list"], url: "http://127.0.0.1:9", key: nil, in: dir)
        #expect(onlyURL.status == 65)
        #expect(onlyURL.stderr.contains("LORE_URL is set but LORE_API_KEY is not"), "\(onlyURL.stderr)")
        let onlyKey = try await Self.lore(["search", "x"], url: nil, key: "lore_key", in: dir)
        #expect(onlyKey.status == 65)
        #expect(onlyKey.stderr.contains("LORE_API_KEY is set but LORE_URL is not"), "\(onlyKey.stderr)")
        let badURL = try await Self.lore(["media", "list"], url: "not a url", key: "lore_key", in: dir)
        #expect(badURL.stderr.contains("LORE_URL must be an http:// or https:// URL"), "\(badURL.stderr)")
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let unreachable = try await Self.lore(["media", "list"], url: "http://127.0.0.1:9", key: "lore_key", in: dir)
        #expect(unreachable.status == 69)
        #expect(unreachable.stderr.contains("error: server_unreachable: cannot reach the Lore server at http://127.0.0.1:9"), "\(unreachable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".lore").path), "remote mode never opens a local data directory")
    }

    /// A mono 16 kHz 16-bit WAV of a quiet tone.
    static func wav(seconds: Int) -> Data {
        let rate = 16_000
        var samples = Data()
        for i in 0..<(rate * seconds) {
            let value = Int16(2_000 * sin(2 * Double.pi * 440 * Double(i) / Double(rate)))
            withUnsafeBytes(of: value.littleEndian) { samples.append(contentsOf: $0) }
        }
        var data = Data("RIFF".utf8)
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
        le32(36 + samples.count)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        le32(16); le16(1); le16(1); le32(rate); le32(rate * 2); le16(2); le16(16)
        data.append(contentsOf: Array("data".utf8))
        le32(samples.count)
        data.append(samples)
        return data
    }
}
