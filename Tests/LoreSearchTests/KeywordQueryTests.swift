import LoreSearch
import Testing

/// How a typed query becomes scoring words and a syntax constraint.
@Suite struct KeywordQueryTests {
    @Test func plainWordsScoreWithoutConstraint() {
        let query = KeywordQuery("what is the flow past a wing")
        #expect(query.scoringText == "what is the flow past a wing")
        #expect(query.constraint == nil)
        #expect(query.highlightText == "what or is or the or flow or past or a or wing")
    }

    @Test func phrasesAndExclusionsBecomeAConstraint() {
        let query = KeywordQuery("\"boundary layer\" heat -transfer")
        #expect(query.scoringText == "boundary layer heat")
        #expect(query.constraint == "\"boundary layer\" heat -transfer")
    }

    @Test func anExcludedPhraseNeverScores() {
        let query = KeywordQuery("wing -\"supersonic flow\" lift")
        #expect(query.scoringText == "wing lift")
        #expect(query.constraint != nil)
    }

    @Test func orIsSyntaxNotAWord() {
        let query = KeywordQuery("budget or forecast")
        #expect(query.scoringText == "budget forecast")
        #expect(query.constraint == "budget or forecast")
    }

    @Test func identifiersMatchExactlyAndHyphenatedWordsScore() {
        let query = KeywordQuery("delay of PPR-9087, re-entry in (v2.3.1)")
        #expect(query.scoringText == "delay of re-entry in")
        #expect(query.constraint == nil)
        #expect(query.identifiers == ["ppr-9087", "v2.3.1"])
        #expect(query.highlightText.contains("PPR-9087,"))
    }

    @Test func aLoneDashOrQuoteIsHarmless() {
        #expect(KeywordQuery("-").scoringText == "-")
        #expect(KeywordQuery("\"").scoringText == "")
        #expect(KeywordQuery("\"unclosed phrase").scoringText == "unclosed phrase")
    }
}
