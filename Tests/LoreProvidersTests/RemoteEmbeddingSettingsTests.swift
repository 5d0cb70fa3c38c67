import Foundation
import Testing
import LoreCore
@testable import LoreProviders
import LoreTestSupport

@Suite struct RemoteEmbeddingSettingsTests {
    @Test func nothingConfiguredMeansLocalOnly() throws {
        #expect(try RemoteEmbeddingSettings.fromEnvironment([:]) == nil)
        #expect(try RemoteEmbeddingSettings.fromEnvironment(["LORE_OPENAI_BASE_URL": "https://api.openai.com/v1"]) == nil)
    }

    @Test func aKeyConfiguresBothRemoteStrategiesWithDefaults() throws {
        let settings = try #require(try RemoteEmbeddingSettings.fromEnvironment(["LORE_OPENAI_API_KEY": "sk-abcdefghijklmnop"]))
        #expect(settings.strategies == [.standard, .highQuality])
        #expect(settings.standardModel == "text-embedding-3-small")
        #expect(settings.highQualityModel == "text-embedding-3-large")
        #expect(try settings.embedder(for: .highQuality).model.dimensions == 3072)
        #expect(throws: LoreError.self) { try settings.embedder(for: .lightweight) }
        let policy = try EmbeddingStrategyPolicy(configured: settings.strategies.union([.lightweight]))
        #expect(policy.strategy(tier: .enterprise) == .highQuality)
    }

    @Test func aLocalServerNeedsNoKeyAndModelsCanBeTurnedOff() throws {
        let settings = try #require(try RemoteEmbeddingSettings.fromEnvironment([
            "LORE_OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "LORE_EMBEDDING_HIGH_QUALITY_MODEL": "none",
            "LORE_EMBEDDING_STANDARD_MODEL": "bge-large", "LORE_OPENAI_TIMEOUT_SECONDS": "5",
        ]))
        #expect(settings.strategies == [.standard])
        #expect(settings.connection.apiKey == nil)
        #expect(settings.connection.requestTimeout == .seconds(5))
        #expect(throws: LoreError.self) {
            try RemoteEmbeddingSettings.fromEnvironment(["LORE_OPENAI_API_KEY": "k", "LORE_OPENAI_TIMEOUT_SECONDS": "-1"])
        }
    }

    @Test func theConfiguredEmbedderTalksToTheServer() async throws {
        try await OpenAISimulator.run { simulator in
            let settings = try #require(try RemoteEmbeddingSettings.fromEnvironment([
                "LORE_OPENAI_BASE_URL": simulator.baseURL.absoluteString, "LORE_OPENAI_API_KEY": simulatorKey,
            ]))
            let vectors = try await settings.embedder(for: .standard).embed(["hello", "world"])
            #expect(vectors.map(\.count) == [1536, 1536])
            #expect(await simulator.requests.first?.model == "text-embedding-3-small")
        }
    }
}
