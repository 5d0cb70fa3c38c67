import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs
import LoreSearch
import LoreTestSupport
import NIOCore

/// Search over HTTP: every mode stays inside the caller's organisation, and bad queries get a
/// precise 400 or a valid (possibly empty) result — never a 500.
@Suite(.serialized) struct SearchAPITests {
    /// Two organisations whose texts are near-identical, each processed into chunks.
    static func twoOrganisations(_ runtime: LoreRuntime, _ harness: APIHarness, _ client: any TestClientProtocol) async throws
        -> (keyA: String, keyB: String, mediaA: [String], mediaB: [String]) {
        let (orgA, keyA) = try await harness.createOrg(client)
        let (orgB, keyB) = try await harness.createOrg(client)
        let textsA = [
            "Ticket PPR-9087: the supply chain delay for the pilot hardware moves the Atlas launch to March.",
            "Quarterly revenue grew twelve percent, driven by renewals in the northern region.",
        ]
        let textsB = [
            "Ticket PPR-9088: the supply chain delay for the pilot hardware moves the Borealis launch to April.",
            "The cafeteria menu changes on Mondays; vegetarian options are marked in green.",
        ]
        var mediaA: [String] = [], mediaB: [String] = []
        for (index, text) in textsA.enumerated() {
            let response = try await harness.upload(client, key: keyA, bytes: Array(text.utf8), query: "filename=a\(index).txt")
            mediaA.append((try APIHarness.object(response)["media"] as! [String: Any])["id"] as! String)
        }
        for (index, text) in textsB.enumerated() {
            let response = try await harness.upload(client, key: keyB, bytes: Array(text.utf8), query: "filename=b\(index).txt")
            mediaB.append((try APIHarness.object(response)["media"] as! [String: Any])["id"] as! String)
        }
        _ = try await PipelineEndToEndTests.process(runtime, caller: Caller(org: OrgID(orgA)!, role: .owner), ids: mediaA.compactMap(MediaID.init))
        _ = try await PipelineEndToEndTests.process(runtime, caller: Caller(org: OrgID(orgB)!, role: .owner), ids: mediaB.compactMap(MediaID.init))
        return (keyA, keyB, mediaA, mediaB)
    }

    @Test func everyModeStaysInsideTheCallersOrganisation() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (keyA, keyB, mediaA, mediaB) = try await Self.twoOrganisations(runtime, harness, client)
                // Org A's text is the true nearest neighbour of this query; org B must not see it.
                let query = "Ticket PPR-9087: the supply chain delay for the pilot hardware moves the Atlas launch to March."
                for mode in ["vector", "keyword", "hybrid"] {
                    let hitsB = try await PipelineEndToEndTests.search(client, key: keyB, ["query": query, "mode": mode, "limit": 100])
                    #expect(hitsB.allSatisfy { mediaB.contains($0["media_id"] as? String ?? "") }, "\(mode) leaked: \(hitsB)")
                    let hitsA = try await PipelineEndToEndTests.search(client, key: keyA, ["query": query, "mode": mode, "limit": 100])
                    #expect(hitsA.allSatisfy { mediaA.contains($0["media_id"] as? String ?? "") })
                    #expect(hitsA.first?["media_id"] as? String == mediaA[0], "\(mode)")
                }
                // The exact identifier matches only where it occurs.
                let exact = try await PipelineEndToEndTests.search(client, key: keyB, ["query": "PPR-9087", "mode": "keyword"])
                #expect(exact.isEmpty)
            }
        }
    }

    /// Every filter narrows every mode to exactly the items it names (keyword search applies
    /// them in `lore.keyword_matches`, vector search in its own statement: both must agree).
    @Test func everyFilterNarrowsEveryMode() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (orgID, key) = try await harness.createOrg(client)
                var ids: [String] = []
                for (index, (text, tag)) in [("Atlas project budget: travel costs rose in the spring.", "finance"),
                                             ("Atlas project roadmap: the launch moves to March.", "planning")].enumerated() {
                    let response = try await harness.upload(client, key: key, bytes: Array(text.utf8), query: "filename=f\(index).txt&tags=\(tag)")
                    ids.append((try APIHarness.object(response)["media"] as! [String: Any])["id"] as! String)
                }
                _ = try await PipelineEndToEndTests.process(runtime, caller: Caller(org: OrgID(orgID)!, role: .owner), ids: ids.compactMap(MediaID.init))
                let tomorrow = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: 86_400))
                let both = Set(ids)
                let cases: [([String: Any], Set<String>)] = [
                    ([:], both),
                    (["tags": ["finance"]], [ids[0]]),
                    (["media_ids": [ids[1]]], [ids[1]]),
                    (["kinds": ["document"]], both), (["kinds": ["video"]], []),
                    (["sources": ["upload"]], both), (["sources": ["zoom"]], []),
                    (["to": tomorrow], both), (["from": tomorrow], []),
                    (["content_kinds": ["document"]], both), (["content_kinds": ["table"]], []),
                    (["speakers": ["Alice"]], []), (["languages": ["zz"]], []),
                    (["tags": ["finance"], "media_ids": [ids[1]]], []),
                ]
                for mode in ["vector", "keyword", "hybrid"] {
                    for (filters, expected) in cases {
                        let hits = try await PipelineEndToEndTests.search(client, key: key,
                                                                          ["query": "Atlas project", "mode": mode, "limit": 100, "filters": filters])
                        #expect(Set(hits.compactMap { $0["media_id"] as? String }) == expected, "\(mode) \(filters)")
                    }
                }
            }
        }
    }

    @Test func badQueriesGetPreciseErrorsOrValidResults() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (keyA, keyB, mediaA, _) = try await Self.twoOrganisations(runtime, harness, client)
                func post(_ key: String, _ body: String) async throws -> TestResponse {
                    try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(key), body: ByteBuffer(string: body))
                }
                let rejected: [(String, String)] = [
                    (#"{"query":""}"#, "invalid_query"),
                    (#"{"query":"   \t  "}"#, "invalid_query"),
                    ("{\"query\":\"\(String(repeating: "a", count: 10_000))\"}", "query_too_long"),
                    (#"{"query":"x","filters":{"colour":["red"]}}"#, "unknown_field"),
                    (#"{"query":"x","filter":{}}"#, "unknown_field"),
                    (#"{"query":"x","limit":0}"#, "invalid_argument"),
                    (#"{"query":"x","limit":101}"#, "invalid_argument"),
                    (#"{"query":"x","mode":"psychic"}"#, "invalid_argument"),
                    (#"{"query":"x","cursor":"forged.cursor"}"#, "invalid_cursor"),
                    (#"{"query":"x","filters":{"kinds":["hologram"]}}"#, "invalid_argument"),
                    ("{\"query\":\"x\"", "invalid_json"),
                    (#"{"query":42}"#, "invalid_argument"),
                ]
                for (body, code) in rejected {
                    let response = try await post(keyA, body)
                    #expect(response.status == .badRequest, "\(body.prefix(60)): \(response.status)")
                    #expect(APIHarness.errorCode(response) == code, "\(body.prefix(60)): \(response.text.prefix(200))")
                }
                // Invalid UTF-8 in the body is malformed JSON, not a crash.
                let invalid = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                       body: ByteBuffer(bytes: Array(#"{"query":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)))
                #expect(invalid.status == .badRequest)

                // Stop words only, query syntax characters: valid (possibly empty) results.
                for query in ["the of and a", #"" - | : * & ! ( ) < > \ ' "#, "\"unclosed quote", "-", "!!!", "a:b|c&d", "emoji 🚀 ünïcödé مرحبا"] {
                    for mode in ["vector", "keyword", "hybrid"] {
                        let response = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                                body: APIHarness.json(["query": query, "mode": mode]))
                        #expect(response.status == .ok, "\(mode) \(query): \(response.status) \(response.text.prefix(200))")
                    }
                }

                // A query of hundreds of distinct words (under the length limit) is answered from
                // its first terms, not turned into hundreds of matches per row.
                let filler = (0..<400).map { "zq\($0)x" }.joined(separator: " ")
                let long = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                    body: APIHarness.json(["query": "supply chain delay Atlas " + filler, "mode": "keyword"]))
                #expect(long.status == .ok)
                let longHits = try APIHarness.object(long)["hits"] as? [[String: Any]] ?? []
                #expect(longHits.first?["media_id"] as? String == mediaA[0], "\(long.text.prefix(300))")

                // A cursor works for its own search and nowhere else.
                let first = try APIHarness.object(try await post(keyA, #"{"query":"supply chain delay","limit":1}"#))
                let cursor = try #require(first["next_cursor"] as? String)
                let second = try await post(keyA, "{\"query\":\"supply chain delay\",\"limit\":1,\"cursor\":\"\(cursor)\"}")
                #expect(second.status == .ok)
                let otherQuery = try await post(keyA, "{\"query\":\"revenue\",\"limit\":1,\"cursor\":\"\(cursor)\"}")
                #expect(APIHarness.errorCode(otherQuery) == "invalid_cursor")
                let otherOrg = try await post(keyB, "{\"query\":\"supply chain delay\",\"limit\":1,\"cursor\":\"\(cursor)\"}")
                #expect(APIHarness.errorCode(otherOrg) == "invalid_cursor")
            }
        }
    }

    /// A search remembers each organisation's setup (its models and routes) and reads it again
    /// inside its transaction: an organisation searched while empty finds its first chunks at
    /// once in every mode, although the model they were embedded with was unknown to the
    /// remembered setup.
    @Test func aSearchFollowsTheOrganisationsFirstModelAtOnce() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (org, key) = try await harness.createOrg(client)
                let text = "The harbour crane inspection found corrosion on the north gantry rails."
                for mode in ["vector", "keyword", "hybrid"] {
                    #expect(try await PipelineEndToEndTests.search(client, key: key, ["query": text, "mode": mode]).isEmpty, "\(mode)")
                }
                let response = try await harness.upload(client, key: key, bytes: Array(text.utf8), query: "filename=crane.txt")
                let media = try #require((try APIHarness.object(response)["media"] as? [String: Any])?["id"] as? String)
                _ = try await PipelineEndToEndTests.process(runtime, caller: Caller(org: OrgID(org)!, role: .owner), ids: [MediaID(media)!])
                for mode in ["vector", "keyword", "hybrid"] {
                    let hits = try await PipelineEndToEndTests.search(client, key: key, ["query": text, "mode": mode])
                    #expect(hits.first?["media_id"] as? String == media, "\(mode): \(hits)")
                    if mode != "keyword" { #expect(hits.first?["vector_rank"] as? Int == 1, "\(mode): \(hits)") }
                }
            }
        }
    }

    /// `rerank: true` re-orders the fused top results by a Cohere-compatible `/rerank` server
    /// (here the simulator, configured through `LORE_RERANK_*`), names it in the response, and a
    /// server that refuses gives a precise 502 rather than unranked results.
    @Test func aRerankingServerReordersTheTopResults() async throws {
        try await OpenAISimulator.run { simulator in
            let environment = ["LORE_RERANK_BASE_URL": simulator.baseURL.absoluteString,
                               "LORE_RERANK_API_KEY": "sk-simulator-test-key-0123456789abcdef", "LORE_RERANK_MODEL": "rerank-test"]
            try await TestRuntime.withOwnDatabase(environment: environment) { runtime in
                let harness = APIHarness(runtime: runtime)
                try await harness.test { client in
                    let (keyA, _, mediaA, _) = try await Self.twoOrganisations(runtime, harness, client)
                    let query = "quarterly revenue supply chain delay"
                    let plain = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                         body: APIHarness.json(["query": query, "mode": "keyword"]))
                    #expect(try APIHarness.object(plain)["reranker"] as? String == nil, "no re-ranking unless asked")
                    let response = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                            body: APIHarness.json(["query": query, "mode": "hybrid", "rerank": true]))
                    #expect(response.status == .ok, "\(response.text)")
                    let body = try APIHarness.object(response)
                    #expect(body["reranker"] as? String == "cohere:rerank-test")
                    let hits = try #require(body["hits"] as? [[String: Any]])
                    #expect(Set(hits.compactMap { $0["media_id"] as? String }) == Set(mediaA), "\(hits)")
                    // Scores are the simulator's (the share of the query's words each text holds), best first.
                    func words(_ text: String) -> Set<String> { Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)) }
                    let expected = hits.map { Double(words(query).intersection(words($0["text"] as? String ?? "")).count) / Double(words(query).count) }
                    let scores = hits.compactMap { $0["score"] as? Double }
                    #expect(scores == expected && scores == scores.sorted(by: >) && scores.first ?? 0 > 0.3, "\(scores) \(expected)")
                    let sent = try #require(await simulator.requests.last)
                    #expect(sent.path == "/v1/rerank" && sent.model == "rerank-test" && sent.fields["query"] == query && sent.inputs.count == hits.count)

                    await simulator.failNext(.unauthorized)
                    let refused = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(keyA),
                                                           body: APIHarness.json(["query": query, "rerank": true]))
                    #expect(refused.status == .badGateway, "\(refused.text)")
                    #expect(APIHarness.errorCode(refused) == "provider_authentication_failed", "\(refused.text)")
                }
            }
        }
    }

    /// The vector lists' candidate depth never cuts a page short: paging one result at a time
    /// past it still reaches every chunk of the organisation, each once.
    @Test func pagesGoPastTheVectorCandidateDepth() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (keyA, _, _, _) = try await Self.twoOrganisations(runtime, harness, client)
                let org = try await runtime.authenticator.authenticate(apiKey: keyA).org
                let chunks = try await runtime.database.withOrg(org) { tx in
                    try await tx.query("SELECT count(*) FROM lore.chunks").decode(Int64.self).reduce(0, +)
                }
                #expect(chunks >= 2)
                var settings = SearchSettings()
                settings.vectorCandidateDepth = 1
                let search = SearchService(database: runtime.database, embedders: runtime.embeddings.all, settings: settings,
                                           cursorSecret: Array(repeating: 1, count: 32), logger: TestCluster.logger)
                var seen: [UUID] = []
                var cursor: String?
                repeat {
                    let page = try await search.search(org: org, SearchRequest(query: "supply chain delay", mode: .vector, limit: 1, cursor: cursor))
                    seen += page.hits.map(\.chunkID)
                    cursor = page.nextCursor
                } while cursor != nil && seen.count <= chunks
                #expect(seen.count == Int(chunks) && Set(seen).count == seen.count, "\(seen)")
            }
        }
    }

    /// Organisations past the size threshold move to their own partial HNSW indexes, and get term
    /// statistics for keyword search, through the scheduled maintenance job; search results and
    /// isolation are unchanged by the switch.
    @Test func maintenanceMovesLargeOrganisationsToDedicatedIndexes() async throws {
        try await TestRuntime.withOwnDatabase { runtime in
            let harness = APIHarness(runtime: runtime)
            try await harness.test { client in
                let (keyA, keyB, mediaA, mediaB) = try await Self.twoOrganisations(runtime, harness, client)
                let query = "Ticket PPR-9087: the supply chain delay for the pilot hardware moves the Atlas launch to March."
                // Searched before the switch, so the setup each search remembers still says `exact`.
                for key in [keyA, keyB] { _ = try await PipelineEndToEndTests.search(client, key: key, ["query": query, "mode": "hybrid"]) }
                #expect(runtime.schedules.contains { $0.kind == SearchIndexMaintenanceJob.kind })
                let job = try #require(try await runtime.jobQueue.enqueue(SearchIndexMaintenanceJob.self, .init(threshold: 2), org: nil))
                let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                                      configuration: WorkerConfiguration(concurrency: 1), logger: TestCluster.logger)
                let state = try await withThrowingTaskGroup(of: String?.self) { group in
                    group.addTask { try await pool.run(); return nil }
                    group.addTask {
                        while true {
                            let rows = try await runtime.database.serviceStatement("SELECT status FROM lore.jobs WHERE id = \(job.uuid)")
                            if let state = try rows.first?.decode(String.self), ["succeeded", "dead", "cancelled"].contains(state) { return state }
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    let state = try await group.next() ?? nil
                    group.cancelAll()
                    return state
                }
                #expect(state == "succeeded")
                let routes = try await runtime.database.serviceStatement("SELECT route FROM lore.search_profiles WHERE chunk_count > 0")
                #expect(try routes.map { try $0.decode(String.self) } == ["dedicated", "dedicated"])
                let invalid = try await runtime.database.serviceStatement("""
                    SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                     WHERE c.relname LIKE 'chunks_%' AND NOT i.indisvalid
                    """)
                #expect(try invalid.first?.decode(Int64.self) == 0)
                // Each organisation's index is on its own hash partition of every month, and on no other.
                let placement = try await runtime.database.serviceStatement("""
                    SELECT count(i.indexrelid)::int8, (SELECT count(*) FROM pg_inherits WHERE inhparent = 'lore.chunks'::regclass)::int8,
                           bool_or(i.indrelid = (SELECT c.tableoid FROM lore.chunks c WHERE c.org_id = p.org_id LIMIT 1))
                      FROM lore.search_profiles p
                      JOIN pg_class ic ON ic.relname LIKE '%\\_h\\_' || left(replace(p.org_id::text, '-', ''), 12) || '\\_%'
                      JOIN pg_index i ON i.indexrelid = ic.oid
                     WHERE p.chunk_count > 0 GROUP BY p.org_id
                    """).map { try $0.decode((Int64, Int64, Bool).self) }
                #expect(placement.count == 2 && placement.allSatisfy { $0.0 == $0.1 && $0.2 }, "\(placement)")
                // Each one's HNSW candidate list was measured on its own vectors, at its size today.
                let tuned = try await runtime.database.serviceStatement("""
                    SELECT ef_search FROM lore.search_profiles WHERE chunk_count > 0 AND ef_search_rows = chunk_count
                    """).map { try $0.decode(Int32.self) }
                #expect(tuned.count == 2 && tuned.allSatisfy { SearchIndexManager.efSearchCandidates.contains(Int($0)) }, "\(tuned)")
                let statistics = try await runtime.database.serviceStatement("""
                    SELECT count(*) FROM lore.term_statistics_state s JOIN lore.search_profiles p USING (org_id)
                     WHERE p.chunk_count > 0 AND s.chunk_count = p.chunk_count AND s.lexemes > 0
                    """)
                #expect(try statistics.first?.decode(Int64.self) == 2)

                for mode in ["vector", "keyword", "hybrid"] {
                    let hitsA = try await PipelineEndToEndTests.search(client, key: keyA, ["query": query, "mode": mode])
                    #expect(hitsA.first?["media_id"] as? String == mediaA[0], "\(mode)")
                    #expect(hitsA.allSatisfy { mediaA.contains($0["media_id"] as? String ?? "") })
                    let hitsB = try await PipelineEndToEndTests.search(client, key: keyB, ["query": query, "mode": mode])
                    #expect(!hitsB.isEmpty && hitsB.allSatisfy { mediaB.contains($0["media_id"] as? String ?? "") }, "\(mode) leaked: \(hitsB)")
                }
            }
        }
    }
}
