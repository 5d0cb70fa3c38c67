extension Migration {
    /// Embeddings stay in the row. A 384-d vector (1,540 bytes) pushed the row over PostgreSQL's
    /// 2 kB TOAST threshold, so each was stored out of line and an exact scan of an
    /// organisation's rows did a TOAST index lookup per row: 11,292 buffers for 2,968 rows, ~12 ms.
    /// `MAIN` keeps a vector inline unless the row cannot fit a page otherwise: 1,050 buffers,
    /// ~6 ms. (Vectors do not compress, so `MAIN` costs nothing else; rows written before this
    /// migration keep their out-of-line vectors until rewritten.)
    static let vectorStorage = Migration(version: 6, name: "vector-storage", sql: #"""
    ALTER TABLE lore.chunks ALTER COLUMN embedding_384 SET STORAGE MAIN;
    ALTER TABLE lore.chunks ALTER COLUMN embedding_1536 SET STORAGE MAIN;
    ALTER TABLE lore.chunks ALTER COLUMN embedding_3072 SET STORAGE MAIN;
    """#)
}
