import Foundation
import Testing
import LoreCore
@testable import LoreProviders
import LoreTestSupport

/// The Cohere-compatible re-ranking client against the simulator's `/v1/rerank`.
@Suite struct CohereRerankerTests {
    @Test func scoresComeBackInTheDocumentsOrder() async throws {
        try await OpenAISimulator.run { simulator in
            let reranker = try CohereReranker(configuration: try configuration(for: simulator, sleeps: SleepRecorder()), model: "rerank-v3.5")
            let documents = ["the cafeteria menu", "crane inspection found corrosion on the gantry", "crane inspection schedule"]
            // The simulator scores the share of the query's words a document holds, and sends
            // its results sorted by score (document 1 first), as Cohere does.
            let scores = try await reranker.rerank(query: "crane gantry corrosion", documents: documents)
            #expect(scores == [0, 1, 1.0 / 3])
            let request = try #require(await simulator.requests.last)
            #expect(request.path == "/v1/rerank" && request.model == "rerank-v3.5" && request.inputs == documents)
            #expect(request.fields["query"] == "crane gantry corrosion" && request.fields["top_n"] == "3")
            #expect(request.authorization == "Bearer \(simulatorKey)")
            #expect(reranker.name == "simulator:rerank-v3.5")
            #expect(try await reranker.rerank(query: "anything", documents: []).isEmpty, "nothing to send, nothing sent")
            #expect(await simulator.requests.count == 1)
        }
    }

    @Test func badAnswersAndRefusalsAreTypedErrorsWithoutTheKey() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let reranker = try CohereReranker(configuration: try configuration(for: simulator, sleeps: sleeps), model: "rerank-v3.5")
            let documents = ["alpha", "beta"]
            await simulator.failNext(.missingItem)
            let missing = await expectError(code: .providerBadResponse) { _ = try await reranker.rerank(query: "alpha", documents: documents) }
            #expect(missing?.message.contains("1 scores for 2 documents") == true, "\(String(describing: missing))")
            await simulator.failNext(.malformedJSON)
            #expect(await expectError(code: .providerBadResponse) { _ = try await reranker.rerank(query: "alpha", documents: documents) } != nil)
            await simulator.failNext(.unauthorized)
            let refused = await expectError(code: .providerAuthenticationFailed) { _ = try await reranker.rerank(query: "alpha", documents: documents) }
            #expect(refused != nil && refused?.message.contains(simulatorKey) == false, "\(String(describing: refused))")
            // A rate limit is waited out and retried.
            await simulator.failNext(.rateLimited(retryAfterSeconds: 1))
            #expect(try await reranker.rerank(query: "alpha", documents: documents) == [1, 0])
            #expect(await sleeps.waits == [.seconds(1)])
            let tooMany = await expectError(code: .invalidArgument) {
                _ = try await reranker.rerank(query: "alpha", documents: Array(repeating: "x", count: CohereReranker.maxDocuments + 1))
            }
            #expect(tooMany != nil)
        }
    }

    @Test func settingsComeFromTheEnvironment() throws {
        #expect(try RemoteRerankSettings.fromEnvironment([:]) == nil, "no base URL: no re-ranking")
        let settings = try #require(try RemoteRerankSettings.fromEnvironment([
            "LORE_RERANK_BASE_URL": "https://api.cohere.com/v2", "LORE_RERANK_API_KEY": "co-key", "LORE_RERANK_TIMEOUT_SECONDS": "5",
        ]))
        #expect(settings.model == "rerank-v3.5" && settings.connection.apiKey == "co-key" && settings.connection.requestTimeout == .seconds(5))
        #expect(try settings.reranker().name == "cohere:rerank-v3.5")
        for bad in [["LORE_RERANK_BASE_URL": "ftp://example.com"], ["LORE_RERANK_BASE_URL": "http://h/v1", "LORE_RERANK_TIMEOUT_SECONDS": "0"]] {
            #expect(throws: LoreError.self) { try RemoteRerankSettings.fromEnvironment(bad) }
        }
    }
}
