import Testing
@testable import LoreSearch

@Suite struct SearchSettingsTests {
    /// The HNSW candidate list: the base up to 50,000 rows, one per 500 rows beyond, capped.
    @Test func efSearchGrowsWithTheOrganisationWithinBounds() {
        let settings = SearchSettings()
        #expect(settings.efSearch(rows: 0) == 100)
        #expect(settings.efSearch(rows: 50_000) == 100)
        #expect(settings.efSearch(rows: 143_567) == 287)
        #expect(settings.efSearch(rows: 200_000) == 400)
        #expect(settings.efSearch(rows: 10_000_000) == 400)
    }
}
