extension Migration {
    /// Keyword lookups that GIN indexes can serve. Under row-level security PostgreSQL will not
    /// use an index for `@@` or `&&` (their functions are not leakproof, so they may only run
    /// after the policy), and keyword search read every row of the organisation. These two
    /// functions run as the service role, which bypasses RLS, and filter by the transaction's
    /// organisation themselves — failing closed when none is set — so the planner can intersect
    /// the organisation with the term in one `(org_id, content_tsv)` GIN index.
    static let keywordLookups = Migration(version: 5, name: "keyword-lookups", sql: #"""
    CREATE INDEX chunks_org_content_tsv ON lore.chunks USING gin (org_id, content_tsv);
    CREATE INDEX chunks_org_ident_tokens ON lore.chunks USING gin (org_id, ident_tokens);
    DROP INDEX lore.chunks_content_tsv;
    DROP INDEX lore.chunks_ident_tokens;

    -- How many of the organisation's chunks hold each term, counted up to `cap`; a term at the
    -- cap is estimated from the share of the organisation's first `sample_size` rows holding
    -- it, scaled to `corpus_size` (never below the cap).
    -- Plans are made for the actual organisation and term (a generic plan, made for an average
    -- organisation, walked a large one's rows through the btree: 150 ms a term), and never as
    -- a sequential scan that might read the whole table to find one organisation's rows.
    CREATE FUNCTION lore.keyword_document_frequencies(terms tsquery[], cap integer, sample_size integer, corpus_size bigint)
        RETURNS float8[] LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = lore, pg_catalog SET plan_cache_mode = force_custom_plan SET enable_seqscan = off AS $$
    DECLARE
        tenant uuid := lore.current_org_id();
        counts float8[] := '{}';
        term tsquery;
        found float8;
        sampled float8[];
        sample_rows float8;
    BEGIN
        IF tenant IS NULL THEN
            RAISE EXCEPTION 'no organisation is set for this transaction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        FOREACH term IN ARRAY terms LOOP
            SELECT count(*) INTO found FROM (
                SELECT 1 FROM lore.chunks c WHERE c.org_id = tenant AND c.content_tsv @@ term LIMIT cap) hits;
            counts := counts || found;
        END LOOP;
        IF cap = ANY(counts) THEN
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

    -- Up to `max_rows` of the organisation's chunks that hold a candidate term or one of the
    -- identifiers, satisfy the user's constraint (NULL: none) and pass the search filters
    -- (empty array or NULL: no filter). Every value is bound; only fixed SQL is concatenated.
    CREATE FUNCTION lore.keyword_matches(
            candidate tsquery, identifiers text[], user_constraint tsquery, max_rows integer,
            kinds text[], sources text[], tags text[], from_time timestamptz, to_time timestamptz,
            content_kinds text[], media_ids uuid[], speakers text[], languages text[])
        RETURNS TABLE (id uuid, created_at timestamptz, content_tsv tsvector, ident_tokens text[])
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = lore, pg_catalog SET enable_seqscan = off AS $$
    DECLARE
        tenant uuid := lore.current_org_id();
        statement text := 'SELECT c.id, c.created_at, c.content_tsv, c.ident_tokens FROM lore.chunks c';
    BEGIN
        IF tenant IS NULL THEN
            RAISE EXCEPTION 'no organisation is set for this transaction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF cardinality(kinds) > 0 OR cardinality(sources) > 0 OR cardinality(tags) > 0
           OR from_time IS NOT NULL OR to_time IS NOT NULL THEN
            statement := statement || ' JOIN lore.media m ON m.org_id = c.org_id AND m.id = c.media_id';
        END IF;
        statement := statement || ' WHERE c.org_id = $1 AND (';
        IF candidate IS NOT NULL THEN
            statement := statement || 'c.content_tsv @@ $2 OR ';
        END IF;
        statement := statement || 'c.ident_tokens && $3)';
        IF user_constraint IS NOT NULL THEN statement := statement || ' AND c.content_tsv @@ $4'; END IF;
        IF cardinality(kinds) > 0 THEN statement := statement || ' AND m.kind = ANY($6)'; END IF;
        IF cardinality(sources) > 0 THEN statement := statement || ' AND m.source = ANY($7)'; END IF;
        IF cardinality(tags) > 0 THEN statement := statement || ' AND m.tags && $8'; END IF;
        IF from_time IS NOT NULL THEN statement := statement || ' AND coalesce(m.recorded_at, m.created_at) >= $9'; END IF;
        IF to_time IS NOT NULL THEN statement := statement || ' AND coalesce(m.recorded_at, m.created_at) < $10'; END IF;
        IF cardinality(content_kinds) > 0 THEN statement := statement || ' AND c.content_kind = ANY($11)'; END IF;
        IF cardinality(media_ids) > 0 THEN statement := statement || ' AND c.media_id = ANY($12)'; END IF;
        IF cardinality(speakers) > 0 THEN statement := statement || ' AND c.speakers && $13'; END IF;
        IF cardinality(languages) > 0 THEN statement := statement || ' AND c.language = ANY($14)'; END IF;
        RETURN QUERY EXECUTE statement || ' LIMIT $5'
            USING tenant, candidate, coalesce(identifiers, '{}'), user_constraint, max_rows, kinds, sources, tags,
                  from_time, to_time, content_kinds, media_ids, speakers, languages;
    END $$;

    REVOKE ALL ON FUNCTION lore.keyword_document_frequencies(tsquery[], integer, integer, bigint) FROM PUBLIC;
    REVOKE ALL ON FUNCTION lore.keyword_matches(tsquery, text[], tsquery, integer, text[], text[], text[],
        timestamptz, timestamptz, text[], uuid[], text[], text[]) FROM PUBLIC;
    -- A new owner needs CREATE on the schema at the moment of the change only.
    GRANT CREATE ON SCHEMA lore TO lore_service;
    ALTER FUNCTION lore.keyword_document_frequencies(tsquery[], integer, integer, bigint) OWNER TO lore_service;
    ALTER FUNCTION lore.keyword_matches(tsquery, text[], tsquery, integer, text[], text[], text[],
        timestamptz, timestamptz, text[], uuid[], text[], text[]) OWNER TO lore_service;
    REVOKE CREATE ON SCHEMA lore FROM lore_service;
    GRANT EXECUTE ON FUNCTION lore.keyword_document_frequencies(tsquery[], integer, integer, bigint) TO lore_app;
    GRANT EXECUTE ON FUNCTION lore.keyword_matches(tsquery, text[], tsquery, integer, text[], text[], text[],
        timestamptz, timestamptz, text[], uuid[], text[], text[]) TO lore_app;
    """#)
}
