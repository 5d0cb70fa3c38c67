import Testing
@testable import LoreInference

@Suite struct BertTokenizerTests {
    private func tokens(_ text: String) throws -> [String] {
        try MiniLMFixture.embedder().tokenizer.tokens(text)
    }

    @Test func lowerCasesAndStripsAccents() throws {
        #expect(try tokens("Café NAÏVE Zürich") == ["[CLS]", "cafe", "naive", "zurich", "[SEP]"])
    }

    @Test func splitsCJKIdeographsOneByOne() throws {
        // Ideographs split; kana stay words (です → てす after removing the voicing mark).
        #expect(try tokens("日本です") == ["[CLS]", "日", "本", "て", "##す", "[SEP]"])
    }

    @Test func splitsPunctuationIncludingASCIISymbols() throws {
        #expect(try tokens("a,b$c--d") == ["[CLS]", "a", ",", "b", "$", "c", "-", "-", "d", "[SEP]"])
        #expect(try tokens("«quoted»") == ["[CLS]", "«", "quoted", "»", "[SEP]"])
    }

    @Test func usesContinuationPieces() throws {
        #expect(try tokens("embeddings") == ["[CLS]", "em", "##bed", "##ding", "##s", "[SEP]"])
    }

    @Test func unknownWordsAndOverlongWordsBecomeUNK() throws {
        #expect(try tokens("😀") == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(try tokens(String(repeating: "a", count: 101)) == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(try tokens(String(repeating: "a", count: 100)).count > 3)
    }

    @Test func dropsControlAndFormatCharacters() throws {
        #expect(try tokens("ab\u{200B}cd\u{0007}") == tokens("abcd"))
        #expect(try tokens("a\u{0000}b\u{FFFD}") == tokens("ab"))
        #expect(try tokens("line\u{2028}break\ttab") == ["[CLS]", "line", "break", "tab", "[SEP]"])
    }

    @Test func emptyAndWhitespaceOnlyTextIsJustTheSpecialTokens() throws {
        #expect(try tokens("") == ["[CLS]", "[SEP]"])
        #expect(try tokens(" \n\t\u{3000} ") == ["[CLS]", "[SEP]"])
    }

    @Test func truncatesTo256TokensIncludingSpecials() throws {
        let tokenizer = try MiniLMFixture.embedder().tokenizer
        let ids = tokenizer.encode(String(repeating: "word ", count: 1000))
        #expect(ids.count == 256)
        #expect(ids.first == tokenizer.vocabulary.classifierID)
        #expect(ids.last == tokenizer.vocabulary.separatorID)
        // A word cut by the limit keeps its first pieces: 254 = 63 words × 4 pieces + 2.
        let pieces = tokenizer.encode(String(repeating: "embeddings ", count: 100))
        #expect(pieces.count == 256)
        #expect(tokenizer.vocabulary.tokens[Int(pieces[254])] == "##bed")
    }
}
