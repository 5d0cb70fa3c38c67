import Testing
@testable import LoreInference
import LoreTestSupport

@Suite struct MiniLMConformanceTests {
    @Test func keepsTheEmbedderContract() async throws {
        let problems = try await EmbedderConformance.problems(of: MiniLMFixture.embedder())
        #expect(problems.isEmpty, "\(problems)")
    }
}
