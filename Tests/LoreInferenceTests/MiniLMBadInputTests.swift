import Foundation
import Testing
import LoreCore
@testable import LoreInference

/// Whatever text arrives, the engine returns a valid unit vector (or a typed error) and stays usable.
@Suite struct MiniLMBadInputTests {
    private func expectValidEmbeddings(_ texts: [String]) async throws {
        let vectors = try await MiniLMFixture.embedder().embed(texts)
        #expect(vectors.count == texts.count)
        for vector in vectors {
            #expect(vector.count == 384)
            #expect(vector.allSatisfy { $0.isFinite })
            #expect(abs(MiniLMFixture.norm(vector) - 1) < 1e-4)
        }
    }

    @Test func emptyAndWhitespaceOnlyText() async throws {
        try await expectValidEmbeddings(["", " ", "\n\t \u{00A0}\u{3000}"])
    }

    @Test func hundredKilobytesOfText() async throws {
        let paragraph = "Lore indexes recordings, documents and screenshots for search. "
        let text = String(repeating: paragraph, count: 100_000 / paragraph.utf8.count + 1)
        #expect(text.utf8.count > 100_000)
        try await expectValidEmbeddings([text])
        // Truncation keeps the start: the same as embedding the first 254 pieces' worth.
        let embedder = try MiniLMFixture.embedder()
        #expect(embedder.tokenizer.encode(text).count == 256)
    }

    @Test func invalidUTF8BytesAreReplacedAndDropped() async throws {
        let bytes: [UInt8] = [0x48, 0x69, 0xFF, 0xFE, 0xC3, 0x28, 0x20, 0x6F, 0x6B, 0xED, 0xA0, 0x80]
        let text = String(decoding: bytes, as: UTF8.self)
        try await expectValidEmbeddings([text])
        let tokens = try MiniLMFixture.embedder().tokenizer.tokens(text)
        #expect(!tokens.contains("\u{FFFD}"))
    }

    @Test func controlCharactersEmojiAndRightToLeftScripts() async throws {
        try await expectValidEmbeddings([
            "\u{0000}\u{0001}\u{001B}[31mred\u{001B}[0m\u{007F}",
            "👩‍👩‍👧‍👦 🏳️‍🌈 ❤️🔥",
            "مرحبا بالعالم، هذا اختبار",
            "שלום עולם \u{202E}reversed\u{202C}",
            "\u{FEFF}\u{200B}\u{200D}",
            String(repeating: "\u{0301}", count: 500),
        ])
    }

    @Test func engineStaysUsableAfterOddInput() async throws {
        let embedder = try MiniLMFixture.embedder()
        _ = try await embedder.embed([String(repeating: "\u{10FFFF}", count: 10_000), ""])
        let golden = MiniLMGolden.sentences[0]
        let vector = try await embedder.embed([golden.text])[0]
        #expect(MiniLMFixture.cosine(vector, MiniLMFixture.decodeFloats(base64: golden.embeddingBase64)) >= 0.99999)
    }

    @Test func rejectsTokenSequencesOutsideTheVocabulary() async throws {
        let embedder = try MiniLMFixture.embedder()
        await #expect(throws: LoreError.self) { try await embedder.embed(tokenized: [[101, 999_999, 102]]) }
        await #expect(throws: LoreError.self) { try await embedder.embed(tokenized: [[]]) }
        #expect(try await embedder.embed(tokenized: []).isEmpty)
    }

    @Test func invalidThreadCountIsAConfigurationError() throws {
        let files = try MiniLMModelFiles.installed()
        #expect(throws: LoreError.self) { try MiniLMEmbedder(files: files, configuration: .init(threads: 0)) }
        for queryThreads in [0, 3] {
            let error = #expect(throws: LoreError.self) {
                try MiniLMEmbedder(files: files, configuration: .init(threads: 2, queryThreads: queryThreads))
            }
            #expect(error?.code == .configuration)
        }
    }
}
