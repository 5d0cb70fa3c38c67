import Testing
@testable import LoreMedia

@Suite struct SentenceSplitterTests {
    let splitter = SentenceSplitter()

    @Test func splitsAtSentenceEnds() {
        #expect(splitter.split("It rained. Then it stopped! Did it? Yes.") == ["It rained.", "Then it stopped!", "Did it?", "Yes."])
        #expect(splitter.split("He said \"Stop.\" Then he left.") == ["He said \"Stop.\"", "Then he left."])
        #expect(splitter.split("Wait... What happened?!  Nothing.") == ["Wait...", "What happened?!", "Nothing."])
    }

    @Test func keepsAbbreviationsDecimalsAndURLs() {
        #expect(splitter.split("Dr. Smith met Prof. Jones at 3 p.m. today. It went well.") == ["Dr. Smith met Prof. Jones at 3 p.m. today.", "It went well."])
        #expect(splitter.split("Use e.g. pears, i.e. fruit. Then eat.") == ["Use e.g. pears, i.e. fruit.", "Then eat."])
        #expect(splitter.split("Pi is 3.14159 roughly. Version 2.0.1 shipped.") == ["Pi is 3.14159 roughly.", "Version 2.0.1 shipped."])
        #expect(splitter.split("See https://example.com/a.b?c=d.e for details. Mail ann.lee@example.org now.")
                == ["See https://example.com/a.b?c=d.e for details.", "Mail ann.lee@example.org now."])
        #expect(splitter.split("J. R. R. Tolkien wrote it. Fig. 3 shows it.") == ["J. R. R. Tolkien wrote it.", "Fig. 3 shows it."])
        #expect(splitter.split("Siehe z.B. Kapitel 3. Danach weiter.") == ["Siehe z.B. Kapitel 3.", "Danach weiter."])
        #expect(splitter.split("We sell apples, pears, etc. The shop opens at nine.") == ["We sell apples, pears, etc.", "The shop opens at nine."])
    }

    @Test func cjkAndParagraphs() {
        #expect(splitter.split("東京は日本の首都です。大阪は大きい！本当？") == ["東京は日本の首都です。", "大阪は大きい！", "本当？"])
        #expect(splitter.split("A heading without a stop\n\nThe paragraph follows") == ["A heading without a stop", "The paragraph follows"])
        #expect(splitter.split("line one\nline two continues.") == ["line one\nline two continues."])
        #expect(splitter.split("") == [])
    }
}

@Suite struct TokenEstimatorTests {
    /// Real token counts of all-MiniLM-L6-v2's WordPiece tokenizer (special tokens excluded),
    /// from the model's reference outputs.
    static let reference: [(String, Int)] = [
        ("Hello world", 2),
        ("A man is eating food.", 6),
        ("The quick brown fox jumps over the lazy dog!", 10),
        ("How do I reset my password on the SWIFT server? (error code 0x80070005)", 22),
        ("Café crème brûlée — naïve résumé, ÉCOLE Zürich", 12),
        ("東京は日本の首都です。 Tokyo is the capital of Japan.", 18),
        ("def embed(text: str) -> list[float]: return model.encode(text)  # 384-d", 29),
        ("Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. ", 51),
    ]

    @Test func withinAFewPercentOfTheRealTokenizer() {
        var total = 0, estimated = 0
        for (text, tokens) in Self.reference {
            let estimate = TokenEstimator.estimate(text)
            #expect(abs(Double(estimate - tokens)) <= max(2, 0.15 * Double(tokens)), "\(text.prefix(30)): \(estimate) vs \(tokens)")
            total += tokens
            estimated += estimate
        }
        #expect(abs(Double(estimated - total)) / Double(total) < 0.1)
        #expect(TokenEstimator.estimate("") == 0)
    }
}

@Suite struct TextRecallTests {
    @Test func multisetRecallAfterNormalisation() {
        let result = TextRecall.measure(output: "The CAFÉ, the café; ﬁne!", reference: "the the the café fine")
        #expect(result.referenceTokens == 5)
        #expect(result.found == 4)
        #expect(TextRecall.tokens("e-mail: Ａｂｃ 12.5%") == ["e", "mail", "abc", "12", "5"])
        #expect(TextRecall.measure(output: "", reference: "").recall == 1)
    }
}
