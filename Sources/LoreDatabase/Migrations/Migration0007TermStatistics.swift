extension Migration {
    /// Document frequencies kept per organisation. Counting a common term through the
    /// `(org_id, content_tsv)` GIN index builds a bitmap of every chunk holding it, and the
    /// estimate beyond the cap read a sample of the organisation's rows: in a 200,000-chunk
    /// organisation 20–50 ms a query, half of all database time in the scale benchmark. A large
    /// organisation's lexeme counts (`ts_stat`, under a second for 200,000 chunks) are stored by
    /// the search-index maintenance job and looked up by primary key, scaled by how much the
    /// organisation grew since; lexemes new since then are counted as before.
    static let termStatistics = Migration(version: 7, name: "term-statistics", sql: #"""
    CREATE TABLE lore.term_statistics (
        org_id  uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        lexeme  text NOT NULL,
        chunks  integer NOT NULL CHECK (chunks > 0),
        PRIMARY KEY (org_id, lexeme)
    );
    SELECT lore.apply_tenant_policy('lore.term_statistics');

    -- The organisation's chunk count when its statistics were taken (no row: none are kept).
    CREATE TABLE lore.term_statistics_state (
        org_id       uuid PRIMARY KEY REFERENCES lore.organizations (id) ON DELETE CASCADE,
        chunk_count  bigint NOT NULL CHECK (chunk_count >= 0),
        lexemes      integer NOT NULL CHECK (lexemes >= 0),
        refreshed_at timestamptz NOT NULL DEFAULT now()
    );
    SELECT lore.apply_tenant_policy('lore.term_statistics_state');

    GRANT SELECT, INSERT, UPDATE, DELETE ON lore.term_statistics, lore.term_statistics_state TO lore_app, lore_service;

    DROP FUNCTION lore.keyword_document_frequencies(tsquery[], integer, integer, bigint);

    -- How many of the organisation's chunks hold each term (`terms[i]` is the tsquery of
    -- `lexemes[i]`). With statistics kept for the organisation: the stored count scaled by its
    -- growth since, and a lexeme absent from them counted up to `cap`. Without: counted up to
    -- `cap`, and a term at the cap estimated from the share of the organisation's first
    -- `sample_size` rows holding it, scaled to `corpus_size` (never below the cap).
    -- Plans are made for the actual organisation and term (a generic plan, made for an average
    -- organisation, walked a large one's rows through the btree: 150 ms a term), and never as
    -- a sequential scan that might read the whole table to find one organisation's rows.
    CREATE FUNCTION lore.keyword_document_frequencies(terms tsquery[], lexemes text[], cap integer, sample_size integer, corpus_size bigint)
        RETURNS float8[] LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = lore, pg_catalog SET plan_cache_mode = force_custom_plan SET enable_seqscan = off AS $$
    DECLARE
        tenant uuid := lore.current_org_id();
        counts float8[] := '{}';
        stored integer[];
        counted_at bigint;
        found float8;
        sampled float8[];
        sample_rows float8;
    BEGIN
        IF tenant IS NULL THEN
            RAISE EXCEPTION 'no organisation is set for this transaction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF cardinality(terms) IS DISTINCT FROM cardinality(lexemes) THEN
            RAISE EXCEPTION 'terms and lexemes differ in length' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT s.chunk_count INTO counted_at FROM lore.term_statistics_state s WHERE s.org_id = tenant;
        IF counted_at > 0 THEN
            SELECT array_agg(t.chunks ORDER BY q.i) INTO stored
              FROM unnest(lexemes) WITH ORDINALITY AS q(lexeme, i)
              LEFT JOIN lore.term_statistics t ON t.org_id = tenant AND t.lexeme = q.lexeme;
        END IF;
        FOR i IN 1 .. coalesce(cardinality(terms), 0) LOOP
            IF stored[i] IS NOT NULL THEN
                counts := counts || (stored[i]::float8 * corpus_size / counted_at);
            ELSE
                SELECT count(*) INTO found FROM (
                    SELECT 1 FROM lore.chunks c WHERE c.org_id = tenant AND c.content_tsv @@ terms[i] LIMIT cap) hits;
                counts := counts || found;
            END IF;
        END LOOP;
        IF counted_at IS NULL AND cap = ANY(counts) THEN
            WITH sample AS MATERIALIZED (
                SELECT c.content_tsv FROM lore.chunks c WHERE c.org_id = tenant LIMIT sample_size)
            SELECT array_agg(t.hits ORDER BY t.i), max(t.total) INTO sampled, sample_rows FROM (
                SELECT q.i, count(*) FILTER (WHERE s.content_tsv @@ q.term)::float8 AS hits, count(*)::float8 AS total
                  FROM unnest(terms) WITH ORDINALITY AS q(term, i) CROSS JOIN sample s GROUP BY q.i) t;
            FOR i IN 1 .. cardinality(counts) LOOP
                IF counts[i] = cap AND sample_rows > 0 THEN
                    counts[i] := greatest(cap, sampled[i] / sample_rows * corpus_size);
                END IF;
            END LOOP;
        END IF;
        RETURN counts;
    END $$;

    REVOKE ALL ON FUNCTION lore.keyword_document_frequencies(tsquery[], text[], integer, integer, bigint) FROM PUBLIC;
    GRANT CREATE ON SCHEMA lore TO lore_service;
    ALTER FUNCTION lore.keyword_document_frequencies(tsquery[], text[], integer, integer, bigint) OWNER TO lore_service;
    REVOKE CREATE ON SCHEMA lore FROM lore_service;
    GRANT EXECUTE ON FUNCTION lore.keyword_document_frequencies(tsquery[], text[], integer, integer, bigint) TO lore_app;
    """#)
}
