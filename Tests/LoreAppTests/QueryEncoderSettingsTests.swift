import LoreInference
import Testing
@testable import LoreApp

/// How the environment picks the local model's arithmetic and threads for search queries.
@Suite struct QueryEncoderSettingsTests {
    @Test func queryThreadsFollowThePrecisionUnlessSet() throws {
        let cores = MiniLMEmbedder.Configuration.defaultThreads
        #expect(try EmbeddingModels.queryThreads([:], precision: .float32) == min(2, cores))
        #expect(try EmbeddingModels.queryThreads([:], precision: .int8) == 1)
        #expect(try EmbeddingModels.queryThreads([:], precision: .bfloat16) == 1)
        #expect(try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": "1"], precision: .float32) == 1)
        #expect(try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": "\(cores)"], precision: .int8) == cores)
        for bad in ["0", "-1", "two", "\(cores + 1)"] {
            #expect(throws: (any Error).self, "\(bad)") { try EmbeddingModels.queryThreads(["LORE_QUERY_THREADS": bad], precision: .float32) }
        }
    }
}
