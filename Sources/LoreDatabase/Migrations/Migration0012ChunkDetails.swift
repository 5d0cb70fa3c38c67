extension Migration {
    /// The details of a search's hits (`TenantTransaction.hydrateChunks`) through one generic
    /// plan per connection, as `lore.exact_nearest_chunks`: planned as a statement of its own, the
    /// look-up cost 0.9–2.5 ms of planning a search on the scale benchmark's data (PostgreSQL
    /// reads every index of the organisation's partitions, the dedicated ones included) against
    /// ~0.3 ms of execution. Partitions are pruned by organisation when the plan starts; the ids
    /// are read through each partition's primary key. SECURITY INVOKER, and the organisation is
    /// the transaction's, never an argument.
    static let chunkDetails = Migration(version: 12, name: "chunk-details", sql: #"""
    CREATE FUNCTION lore.chunk_details(ids uuid[], created timestamptz[], highlight tsquery)
        RETURNS TABLE (id uuid, media_id uuid, title text, kind text, source text, content_kind text, content text, headline text,
                       start_seconds float8, end_seconds float8, speakers text[], page_number integer, bbox float8[],
                       frame_time float8, language text, metadata text)
        LANGUAGE plpgsql STABLE SET search_path = lore, public, pg_catalog SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        tenant uuid := lore.current_org_id();
    BEGIN
        IF tenant IS NULL THEN
            RAISE EXCEPTION 'no organisation is set for this transaction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The chunks first, by primary key, then their media items (the planner otherwise
        -- sometimes starts from the media row of an organisation with one large recording).
        RETURN QUERY WITH hit AS MATERIALIZED (
            SELECT c.id, c.media_id, c.content_kind, c.content, c.ts_config, c.start_seconds, c.end_seconds, c.speakers,
                   c.page_number, c.bbox, c.frame_time, c.language, c.metadata
              FROM lore.chunks c WHERE c.org_id = tenant AND c.id = ANY(ids) AND c.created_at = ANY(created))
        SELECT c.id, c.media_id, m.title, m.kind, m.source, c.content_kind, c.content,
               CASE WHEN highlight IS NULL THEN NULL ELSE ts_headline(c.ts_config, c.content, highlight,
                    'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') END,
               c.start_seconds, c.end_seconds, c.speakers, c.page_number, c.bbox, c.frame_time, c.language, c.metadata::text
          FROM hit c JOIN lore.media m ON m.org_id = tenant AND m.id = c.media_id;
    END $$;

    REVOKE ALL ON FUNCTION lore.chunk_details(uuid[], timestamptz[], tsquery) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION lore.chunk_details(uuid[], timestamptz[], tsquery) TO lore_app, lore_service;
    """#)
}
