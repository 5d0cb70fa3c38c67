import Foundation
import Testing
import CLinearKernels
import LoreCore
@testable import LoreInference

/// The engine against the reference implementation's token ids and vectors (inlined in
/// `MiniLMGolden.swift`): ASCII, codes, accents, CJK, code, and one text over 256 tokens.
@Suite struct MiniLMGoldenTests {
    @Test func tokenIDsMatchTheReferenceExactly() throws {
        let tokenizer = try MiniLMFixture.embedder().tokenizer
        for sentence in MiniLMGolden.sentences {
            #expect(tokenizer.encode(sentence.text) == sentence.tokenIDs, "\(sentence.text.prefix(40))")
        }
    }

    @Test func embeddingsMatchTheReference() async throws {
        let embedder = try MiniLMFixture.embedder()
        var lowest = 1.0
        for sentence in MiniLMGolden.sentences {
            let vector = try await embedder.embed([sentence.text])[0]
            let golden = MiniLMFixture.decodeFloats(base64: sentence.embeddingBase64)
            #expect(vector.count == 384)
            #expect(golden.count == 384)
            let cosine = MiniLMFixture.cosine(vector, golden)
            lowest = min(lowest, cosine)
            #expect(cosine >= 0.99999, "cosine \(cosine) for \(sentence.text.prefix(40))")
            #expect(abs(MiniLMFixture.norm(vector) - 1) < 1e-5)
        }
        print("minilm golden: lowest cosine \(lowest)")
    }

    /// Queries in a faster precision stay close to the reference; documents stay float32 (above).
    /// float32-panels only sums in another order (lowest cosine 0.9999999999993); bfloat16 only rounds; int8 quantizes every layer's input and weights (measured lowest
    /// cosine on these sentences: 0.99998 and 0.9916, for "Hello world": two words leave the
    /// mean pooling little to average the rounding out).
    @Test(arguments: [(EncoderPrecision.float32Panels, 0.99999), (.bfloat16, 0.9999), (.int8, 0.99)])
    func fasterQueriesStayCloseToTheReference(precision: EncoderPrecision, minimumCosine: Double) async throws {
        guard precision.isAvailable else { return print("minilm golden: skipping \(precision.rawValue), which needs \(precision.requirement)") }
        let embedder = try MiniLMEmbedder(files: try MiniLMModelFiles.installed(), configuration: .init(threads: 1, queryPrecision: precision))
        var lowest = 1.0
        for sentence in MiniLMGolden.sentences {
            let query = try await embedder.embedQuery(sentence.text)
            let document = try await embedder.embed([sentence.text])[0]
            let golden = MiniLMFixture.decodeFloats(base64: sentence.embeddingBase64)
            lowest = min(lowest, MiniLMFixture.cosine(query, golden))
            #expect(MiniLMFixture.cosine(query, golden) >= minimumCosine, "cosine \(MiniLMFixture.cosine(query, golden)) for \(sentence.text.prefix(40))")
            #expect(query != document)  // really another arithmetic
            #expect(abs(MiniLMFixture.norm(query) - 1) < 1e-5)
        }
        print("minilm golden, \(precision.rawValue) queries: lowest cosine \(lowest)")
    }

    @Test func queriesUseTheFastestPrecisionTheCPURuns() throws {
        let float32: EncoderPrecision = lore_f32_preferred() != 0 ? .float32Panels : .float32
        let expected: EncoderPrecision = EncoderPrecision.int8Available ? .int8 : (EncoderPrecision.bfloat16Available ? .bfloat16 : float32)
        let embedder = try MiniLMFixture.embedder()
        #expect(embedder.configuration.queryPrecision == expected)
    }

    /// Query passes run on their own team (by default one thread, two in float32); the
    /// vectors are the full team's.
    @Test func queryThreadsDoNotChangeTheVectors() async throws {
        let shared = try MiniLMFixture.embedder()
        let precision = shared.configuration.queryPrecision
        #expect(shared.configuration.queryThreads == (precision.isFloat32 ? 2 : 1) && shared.configuration.threads == 2)
        let solo = try MiniLMEmbedder(files: try MiniLMModelFiles.installed(), configuration: .init(threads: 2, queryThreads: 1))
        #expect(solo.configuration.queryThreads == 1 && solo.configuration.threads == 2)
        let team = try MiniLMEmbedder(files: try MiniLMModelFiles.installed(), configuration: .init(threads: 2, queryThreads: 2))
        for sentence in MiniLMGolden.sentences {
            let one = try await solo.embedQuery(sentence.text)
            let two = try await team.embedQuery(sentence.text)
            let difference = zip(one, two).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference <= 1e-6, "max difference \(difference) for \(sentence.text.prefix(40))")
        }
    }

    @Test func aPrecisionTheEmbedderWasNotLoadedForIsAConfigurationError() async throws {
        let files = try MiniLMModelFiles.installed()
        let embedder = try MiniLMEmbedder(files: files, configuration: .init(threads: 1, queryPrecision: .float32))
        let error = await #expect(throws: LoreError.self) { try await embedder.embed(["text"], precision: .bfloat16) }
        #expect(error?.code == .configuration)
        let query = try await embedder.embedQuery(MiniLMGolden.sentences[0].text)
        #expect(query == (try await embedder.embed([MiniLMGolden.sentences[0].text])[0]))
    }

    /// A search query queued behind a large batch of documents waits for the pass in progress,
    /// not for the whole batch.
    @Test func aQueryGoesAheadOfQueuedDocuments() async throws {
        let files = try MiniLMModelFiles.installed()
        let embedder = try MiniLMEmbedder(files: files, configuration: .init(threads: 1, maxTokensPerPass: 256))
        let documents = (0..<40).map { String(repeating: "document \($0) words ", count: 100) }  // 256 tokens each: 40 passes
        let finished = Finished()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let vectors = try await embedder.embed(documents)
                #expect(vectors.count == 40)
                await finished.add("documents")
            }
            try await Task.sleep(for: .milliseconds(100))
            group.addTask {
                let query = try await embedder.embedQuery(MiniLMGolden.sentences[0].text)
                let golden = MiniLMFixture.decodeFloats(base64: MiniLMGolden.sentences[0].embeddingBase64)
                #expect(MiniLMFixture.cosine(query, golden) >= 0.99)  // in the fastest precision, int8 where the CPU has it
                await finished.add("query")
            }
            try await group.waitForAll()
        }
        #expect(await finished.names == ["query", "documents"])
    }

    actor Finished {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    @Test func batchedAndSingleResultsAgree() async throws {
        let embedder = try MiniLMFixture.embedder()
        let texts = MiniLMGolden.sentences.map(\.text) + ["", "short", MiniLMGolden.sentences[3].text]
        let batched = try await embedder.embed(texts)
        #expect(batched.count == texts.count)
        for (text, vector) in zip(texts, batched) {
            let single = try await embedder.embed([text])[0]
            let difference = zip(single, vector).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference <= 1e-5, "max difference \(difference) for \(text.prefix(40))")
        }
    }

    @Test func aBatchLargerThanOnePassIsSplitAndKeepsItsOrder() async throws {
        let files = try MiniLMModelFiles.installed()
        // A tiny token budget forces several passes per request.
        let embedder = try MiniLMEmbedder(files: files, configuration: .init(threads: 2, maxTokensPerPass: 300))
        let texts = MiniLMGolden.sentences.map(\.text)
        let vectors = try await embedder.embed(texts)
        for (sentence, vector) in zip(MiniLMGolden.sentences, vectors) {
            let golden = MiniLMFixture.decodeFloats(base64: sentence.embeddingBase64)
            #expect(MiniLMFixture.cosine(vector, golden) >= 0.99999)
        }
    }

    @Test func concurrentCallersGetTheirOwnVectors() async throws {
        let embedder = try MiniLMFixture.embedder()
        let sentences = MiniLMGolden.sentences
        let results = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for round in 0..<32 {
                let index = round % sentences.count
                group.addTask { (index, try await embedder.embed([sentences[index].text])[0]) }
            }
            var collected: [(Int, [Float])] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 32)
        for (index, vector) in results {
            let golden = MiniLMFixture.decodeFloats(base64: sentences[index].embeddingBase64)
            #expect(MiniLMFixture.cosine(vector, golden) >= 0.99999)
        }
    }
}
