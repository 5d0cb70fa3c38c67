extension Migration {
    /// An unfiltered exact vector search (every organisation below the dedicated-index size, most
    /// of them) through one generic plan per connection instead of a custom plan per query. The
    /// organisation is a parameter, so the plan is the same for all of them and its partitions
    /// are pruned when it starts; left to PostgreSQL, the plan cache costs a generic plan over
    /// all 32 partitions and keeps planning (0.5–0.75 ms a query against 0.08, measured on the
    /// scale benchmark's data). SECURITY INVOKER: the caller's row-level security applies as well.
    /// `public` is on its path for pgvector's types and operators.
    static let exactNearestChunks = Migration(version: 11, name: "exact-nearest-chunks", sql: #"""
    CREATE FUNCTION lore.exact_nearest_chunks(model text, strategy text, query text, max_rows integer)
        RETURNS TABLE (id uuid, created_at timestamptz, distance float8)
        LANGUAGE plpgsql STABLE SET search_path = lore, public, pg_catalog SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        tenant uuid := lore.current_org_id();
        -- The query vector converted once into the variable of its strategy's column type (the
        -- others stay NULL): a cast inside the statement would be a per-row conversion in a
        -- generic plan.
        q384 vector(384);
        q1536 vector(1536);
        q3072 halfvec(3072);
    BEGIN
        IF tenant IS NULL THEN
            RAISE EXCEPTION 'no organisation is set for this transaction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        CASE strategy
        WHEN 'lightweight' THEN q384 := query::vector(384);
        WHEN 'standard' THEN q1536 := query::vector(1536);
        WHEN 'high_quality' THEN q3072 := query::halfvec(3072);
        ELSE RAISE EXCEPTION 'unknown embedding strategy %', strategy USING ERRCODE = 'invalid_parameter_value';
        END CASE;
        -- `<=>` is strict, so only the strategy's column gives a distance (a row without that
        -- vector gives NULL and is left out). The scan is materialised so the planner cannot
        -- turn it into an HNSW scan.
        RETURN QUERY WITH scored AS MATERIALIZED (
            SELECT c.id, c.created_at,
                   coalesce(c.embedding_384 <=> q384, c.embedding_1536 <=> q1536, c.embedding_3072 <=> q3072) AS distance
              FROM lore.chunks c WHERE c.org_id = tenant AND c.embedding_model = model)
        SELECT s.id, s.created_at, s.distance FROM scored s WHERE s.distance IS NOT NULL ORDER BY s.distance LIMIT max_rows;
    END $$;

    REVOKE ALL ON FUNCTION lore.exact_nearest_chunks(text, text, text, integer) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION lore.exact_nearest_chunks(text, text, text, integer) TO lore_app, lore_service;
    """#)
}
