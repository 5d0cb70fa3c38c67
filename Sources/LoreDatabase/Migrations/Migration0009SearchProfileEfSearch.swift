extension Migration {
    /// A dedicated organisation's HNSW candidate list size, measured on its own vectors
    /// (`SearchIndexManager.tuneEfSearch`) instead of guessed from its size: the list that finds
    /// 98 % of the true top 10 is 40 on vectors like real MiniLM passages and 400 or more on the
    /// isotropic worst case, at 1.3 against 5.7 ms of server time for 200,000 chunks. NULL keeps
    /// the size rule (`SearchSettings.efSearch(rows:)`); `ef_search_rows` is the chunk count it
    /// was measured at, so a size drift re-measures it.
    static let searchProfileEfSearch = Migration(version: 9, name: "search-profile-ef-search", sql: #"""
    ALTER TABLE lore.search_profiles
        ADD COLUMN ef_search integer CHECK (ef_search BETWEEN 1 AND 1000),
        ADD COLUMN ef_search_rows bigint CHECK (ef_search_rows >= 0);
    """#)
}
