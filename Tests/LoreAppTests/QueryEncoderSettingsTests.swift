import LoreCore
import LoreInference
import Testing
@testable import LoreApp

/// How the environment picks the local model's arithmetic and threads for search queries.
@Suite struct QueryEncoderSettingsTests {
    @Test func queryThreadsFollowThePrecisionUnlessSet() throws {
        let cores = MiniLMEmbedder.Configuration.defaultThreads
        #expect(try EmbeddingModels.queryThreads([:]) == nil)
        #expect(MiniLMEmbedder.Configuration(queryPrecision: .float32).queryThreads == min(2, cores))
        #expect(MiniLMEmbedder.Configuration(threads: 1, queryPrecision: .float32).queryThreads == 1)
        #expect(MiniLMEmbedder.Configuration(queryPrecision: .float32Panels).queryThreads == min(2, cores))
        #expect(MiniLMEmbedder.Configuration(queryPrecision: .int8).queryThreads == 1)
        #expect(MiniLMEmbedder.Configuration(queryPrecision: .bfloat16).queryThreads == 1)
        #expect(try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": "1"]) == 1)
        #expect(try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": "\(cores)"]) == cores)
        for bad in ["0", "-1", "two", "\(cores + 1)"] {
            #expect(throws: LoreError.self, "\(bad)") { try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": bad]) }
        }
    }
}
