import Testing
@testable import LoreCore

@Suite struct IdentifierTokensTests {
    @Test func findsCodesAndVersions() {
        let tokens = IdentifierTokens.extract("Ticket PPR-9087 broke v2.3.1 with ERR_CONN_RESET on 192.168.0.1 (see RFC9110).")
        #expect(tokens == ["ppr-9087", "v2.3.1", "err_conn_reset", "192.168.0.1", "rfc9110"])
    }

    @Test func ignoresPlainWordsAndTrailingPunctuation() {
        #expect(IdentifierTokens.extract("The quick brown fox. Well-known words, re-use.").isEmpty)
        #expect(IdentifierTokens.extract("release 2.0.") == ["2.0"])
        #expect(IdentifierTokens.extract("") == [])
    }

    @Test func lowerCasesAndDeduplicates() {
        #expect(IdentifierTokens.extract("ABC123 abc123 Abc123") == ["abc123"])
    }
}
