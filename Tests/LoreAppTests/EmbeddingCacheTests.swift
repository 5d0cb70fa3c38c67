import Foundation
import Synchronization
import Testing
import LoreCore
import LoreDatabase
import LoreTestSupport
@testable import LoreApp

/// The organisation's embedding cache: identical content (after NFC and whitespace folding) is
/// embedded once, by chunk indexing and by semantic chunking alike, and never shared with
/// another organisation.
@Suite struct EmbeddingCacheTests {
    final class CountingEmbedder: Embedder {
        let model = EmbeddingModel(name: "counting-test", dimensions: 4)
        let embedded = Mutex<[String]>([])
        func embed(_ texts: [String]) async throws -> [[Float]] {
            embedded.withLock { $0 += texts }
            return texts.map { text in [Float(text.count), 1, 0, 0] }
        }
    }

    static func organisation(in database: Database) async throws -> OrgID {
        let org = OrgID()
        try await database.withOrg(org) { tx in
            try await tx.query("INSERT INTO organizations (id, slug, name) VALUES (\(org.uuid), \("c-" + org.description.prefix(12)), 'Cache')")
        }
        return org
    }

    @Test func identicalTextIsEmbeddedOncePerOrganisation() async throws {
        let database = try await TestDatabase.shared.database()
        let (orgA, orgB) = (try await Self.organisation(in: database), try await Self.organisation(in: database))
        let embedder = CountingEmbedder()
        let indexer = ChunkIndexer(database: database, logger: TestCluster.logger)

        // Semantic chunking's sentences: stored as soon as they are computed.
        let caching = indexer.caching(embedder, org: orgA)
        let first = try await caching.embed(["The audit ends Thursday.", "Finance gets the findings."])
        let again = try await caching.embed(["The  audit ends\nThursday.", "Finance gets the findings."])
        #expect(again == first)
        #expect(embedder.embedded.withLock { $0 }.count == 2)

        // Chunk indexing finds the same texts cached; the new one alone reaches the model.
        let drafts = ["The audit ends Thursday.", "A new sentence."].map { ChunkDraft(content: $0, kind: .document) }
        let prepared = try await indexer.prepare(org: orgA, drafts: drafts, embedder: embedder, strategy: .lightweight)
        #expect(prepared.cacheHits == 1 && prepared.embedded == 1)
        #expect(embedder.embedded.withLock { $0 }.last == "A new sentence.")

        // Another organisation's identical text is its own: embedded again.
        _ = try await indexer.caching(embedder, org: orgB).embed(["The audit ends Thursday."])
        #expect(embedder.embedded.withLock { $0 }.count == 4)
    }
}
