extension Migration {
    /// Embeddings and lexemes stay in the row. A 384-d vector (1,540 bytes) pushed the row over
    /// PostgreSQL's 2 kB TOAST threshold, so each was stored out of line and an exact scan of an
    /// organisation's rows did a TOAST index lookup per row: 11,292 buffers for 2,968 rows,
    /// ~12 ms; inline, 1,050 buffers and ~6 ms. `MAIN` keeps a column inline unless the row
    /// cannot fit a page otherwise. With the vector inline the toaster would move `content_tsv`
    /// out instead, and every `@@` and `ts_rank` of keyword search would fetch it (4 buffers a
    /// call), so it is `MAIN` too; the text itself (`content`, read only for the hits shown)
    /// is what goes out of line. Rows written before this migration keep their layout until
    /// rewritten.
    static let vectorStorage = Migration(version: 6, name: "vector-storage", sql: #"""
    ALTER TABLE lore.chunks ALTER COLUMN embedding_384 SET STORAGE MAIN;
    ALTER TABLE lore.chunks ALTER COLUMN embedding_1536 SET STORAGE MAIN;
    ALTER TABLE lore.chunks ALTER COLUMN embedding_3072 SET STORAGE MAIN;
    ALTER TABLE lore.chunks ALTER COLUMN content_tsv SET STORAGE MAIN;
    """#)
}
