import Testing
@testable import LoreProviders
import LoreTestSupport

@Suite struct OpenAIEmbeddingConformanceTests {
    @Test func keepsTheEmbedderContract() async throws {
        try await OpenAISimulator.run { simulator in
            for (model, dimensions) in [("text-embedding-3-small", 1536), ("text-embedding-3-large", 3072)] {
                let provider = try OpenAIEmbeddingProvider(
                    configuration: try configuration(for: simulator, sleeps: SleepRecorder()), model: model, dimensions: dimensions)
                let problems = try await EmbedderConformance.problems(of: provider)
                #expect(problems.isEmpty, "\(model): \(problems)")
            }
        }
    }
}
