import Foundation
import Testing
import LoreCore
@testable import LoreProviders
import LoreTestSupport

@Suite struct OpenAIEmbeddingProviderTests {
    @Test func embedsInOrderInBatchesOfAtMost100AndRecordsUsage() async throws {
        try await OpenAISimulator.run { simulator in
            let usage = ProviderUsageLog()
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()),
                model: "text-embedding-3-small", dimensions: 1536, usageRecorder: usage)
            let texts = (0..<250).map { "chunk number \($0) about aerodynamics" }
            let vectors = try await UsageAttribution.$organization.withValue("org-42") { try await provider.embed(texts) }
            #expect(vectors.count == 250)
            for index in [0, 99, 100, 249] {
                let expected = SimulatorVectors.vector(for: texts[index], model: "text-embedding-3-small", dimensions: 1536)
                #expect(zip(vectors[index], expected).allSatisfy { abs($0 - $1) < 1e-6 })
            }
            let requests = await simulator.requests
            #expect(requests.map(\.inputs.count) == [100, 100, 50])
            #expect(requests.allSatisfy { $0.dimensions == 1536 && $0.model == "text-embedding-3-small" })
            #expect(requests.allSatisfy { $0.authorization == "Bearer \(simulatorKey)" })
            let entries = await usage.entries
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { $0.attribution == "org-42" && $0.operation == .embedding && $0.provider == "simulator" })
            #expect(entries.map(\.inputCount) == [100, 100, 50])
            #expect(entries.reduce(0) { $0 + $1.promptTokens } == texts.reduce(0) { $0 + SimulatorVectors.tokens(in: $1) })
        }
    }

    @Test func highQualityVectorsHave3072UnitLengthDimensions() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()),
                model: "text-embedding-3-large", dimensions: 3072)
            let vector = try await provider.embed(["critical contract clause"])[0]
            #expect(vector.count == 3072)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
            #expect(provider.model == EmbeddingModel(name: "text-embedding-3-large", dimensions: 3072))
        }
    }

    @Test func retriesRateLimitsWaitingWhatRetryAfterSays() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: sleeps), model: "text-embedding-3-small", dimensions: 8)
            await simulator.failNext(.rateLimited(retryAfterSeconds: 2), .rateLimitedMilliseconds(1500))
            #expect(try await provider.embed(["hello"]).count == 1)
            #expect(await simulator.requests.count == 3)
            #expect(await sleeps.waits == [.seconds(2), .milliseconds(1500)])
        }
    }

    @Test func retriesServerErrorsWithJitteredExponentialBackoff() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, retry: retry, sleeps: sleeps),
                model: "text-embedding-3-small", dimensions: 8)
            await simulator.failNext(.serverError(status: 500), .serverError(status: 503), .serverError(status: 502))
            #expect(try await provider.embed(["hello"]).count == 1)
            let waits = await sleeps.waits
            #expect(waits.count == 3)
            for (retry, wait) in waits.enumerated() {
                #expect(wait >= .zero && wait <= .milliseconds(100 * (1 << retry)))
            }
        }
    }

    @Test func givesUpAfterTheLastAttempt() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, retry: RetryPolicy(maxAttempts: 3), sleeps: SleepRecorder()),
                model: "text-embedding-3-small", dimensions: 8)
            await simulator.failAlways(.serverError(status: 500))
            let error = await expectError(code: .providerUnavailable) { _ = try await provider.embed(["hello"]) }
            #expect(error?.details["attempts"] == "3")
            #expect(error?.details["status"] == "500")
            #expect(error?.message.contains("HTTP 500") == true)
            #expect(await simulator.requests.count == 3)
        }
    }

    @Test func aRetryAfterBeyondTheCapFailsAtOnceWithTheWait() async throws {
        try await OpenAISimulator.run { simulator in
            let sleeps = SleepRecorder()
            let retry = RetryPolicy(maxAttempts: 5, maxRetryAfter: .seconds(30))
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, retry: retry, sleeps: sleeps), model: "text-embedding-3-small", dimensions: 8)
            await simulator.failNext(.rateLimited(retryAfterSeconds: 120))
            let error = await expectError(code: .providerRateLimited) { _ = try await provider.embed(["hello"]) }
            #expect(error?.details["retry_after_seconds"] == "120.0")
            #expect(await simulator.requests.count == 1)
            #expect(await sleeps.waits.isEmpty)
        }
    }

    @Test func doesNotRetryOtherClientErrors() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()), model: "text-embedding-3-small", dimensions: 8)
            await simulator.failNext(.badRequest(message: "This model's maximum context length is 8192 tokens."))
            let error = await expectError(code: .providerRejectedRequest) { _ = try await provider.embed(["hello"]) }
            #expect(error?.message.contains("maximum context length") == true)
            #expect(error?.details["status"] == "400")
            #expect(await simulator.requests.count == 1)
        }
    }

    @Test func aWrongKeyIsNotRetriedAndNeverAppearsInTheError() async throws {
        try await OpenAISimulator.run { simulator in
            let secret = "sk-proj-SuperSecretValue9876543210ZYXW"
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, key: secret, sleeps: SleepRecorder()),
                model: "text-embedding-3-small", dimensions: 8)
            let error = await expectError(code: .providerAuthenticationFailed) { _ = try await provider.embed(["hello"]) }
            #expect(error != nil)
            let everything = (error?.description ?? "") + (error?.details.values.joined() ?? "")
            #expect(!everything.contains(secret))
            #expect(!everything.contains("SuperSecretValue"))
            #expect(!everything.contains("9876543210"))
            #expect(everything.contains("Incorrect API key provided"))
            #expect(await simulator.requests.count == 1)
            // The simulator really did echo the key: the redaction is what kept it out.
            #expect(await simulator.requests.first?.authorization == "Bearer \(secret)")
        }
    }

    @Test func timesOutSlowResponsesAndRetriesThem() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, retry: RetryPolicy(maxAttempts: 2), timeout: .milliseconds(300),
                                                 sleeps: SleepRecorder()),
                model: "text-embedding-3-small", dimensions: 8)
            await simulator.failAlways(.slow(seconds: 2))
            let error = await expectError(code: .providerTimeout) { _ = try await provider.embed(["hello"]) }
            #expect(error?.details["attempts"] == "2")
            await simulator.failAlways(nil)
        }
    }

    @Test func malformedJSONWrongDimensionsAndMissingItemsAreBadResponses() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()), model: "text-embedding-3-small", dimensions: 64)
            await simulator.failNext(.malformedJSON)
            #expect(await expectError(code: .providerBadResponse) { _ = try await provider.embed(["a"]) } != nil)
            await simulator.failNext(.wrongDimensions)
            let dimensions = await expectError(code: .providerBadResponse) { _ = try await provider.embed(["a", "b"]) }
            #expect(dimensions?.message.contains("63 dimensions, expected 64") == true)
            await simulator.failNext(.missingItem)
            #expect(await expectError(code: .providerBadResponse) { _ = try await provider.embed(["a", "b"]) } != nil)
            // Bad responses are not retried.
            #expect(await simulator.requests.count == 3)
            #expect(try await provider.embed(["a"]).count == 1)
        }
    }

    @Test func emptyTextIsRejectedBeforeAnyRequest() async throws {
        try await OpenAISimulator.run { simulator in
            let provider = try OpenAIEmbeddingProvider(
                configuration: try configuration(for: simulator, sleeps: SleepRecorder()), model: "text-embedding-3-small", dimensions: 8)
            let error = await expectError(code: .invalidArgument) { _ = try await provider.embed(["fine", "  \n"]) }
            #expect(error?.details["index"] == "1")
            #expect(await simulator.requests.isEmpty)
            #expect(try await provider.embed([]).isEmpty)
        }
    }

    @Test func anUnreachableServerIsUnavailableAfterRetries() async throws {
        let sleeps = SleepRecorder()
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        let configuration = try OpenAICompatibleConfiguration(
            baseURL: URL(string: "http://127.0.0.1:9/v1")!, apiKey: "sk-unreachable-key-000000000000",
            requestTimeout: .seconds(2), retry: RetryPolicy(maxAttempts: 2), sleep: { await sleeps.record($0) })
        let provider = try OpenAIEmbeddingProvider(configuration: configuration, model: "m", dimensions: 8)
        let error = await expectError(code: .providerUnavailable) { _ = try await provider.embed(["hello"]) }
        #expect(error?.details["attempts"] == "2")
        #expect(error?.message.contains("127.0.0.1:9") == true)
        #expect(error?.message.contains("sk-unreachable") == false)
        #expect(await sleeps.waits.count == 1)
    }

    @Test func invalidConfigurationIsRejected() throws {
        #expect(throws: LoreError.self) {
            try OpenAICompatibleConfiguration(baseURL: URL(string: "ftp://example.com")!, apiKey: nil)
        }
        let valid = try OpenAICompatibleConfiguration(baseURL: URL(string: "https://user:pw@api.example.com/v1?x=1")!, apiKey: "sk-abcdefghijklmnop")
        #expect(!valid.description.contains("sk-abcdefghijklmnop"))
        #expect(!valid.displayURL.contains("pw"))
        #expect(throws: LoreError.self) { try OpenAIEmbeddingProvider(configuration: valid, model: "", dimensions: 8) }
        #expect(throws: LoreError.self) { try OpenAIEmbeddingProvider(configuration: valid, model: "m", dimensions: 0) }
    }
}
