extension Migration {
    /// Each monthly partition of `lore.chunks` is split into 16 hash partitions by `org_id`.
    ///
    /// Why: a dedicated organisation's partial HNSW index lives on the partitions holding its
    /// rows, and the planner tests every partial index's predicate on every partition it plans —
    /// 0.10 ms for 34 such indexes, 5.25 ms for 1,000, per month a vector query cannot prune.
    /// With hash partitions a query for one organisation (its `org_id` is a bound constant in
    /// custom plans) is pruned to that organisation's hash partition in each month, and only
    /// the partial indexes there (a sixteenth) are considered.
    ///
    /// Existing months are rebuilt: each is detached, its rows copied into the new layout and
    /// the old table dropped, under the migration's lock. Dedicated indexes go with the old
    /// tables, so dedicated routes fall back to exact scans until the search-index maintenance
    /// job has rebuilt them on the new partitions.
    static let chunkHashPartitions = Migration(version: 8, name: "chunk-hash-partitions", sql: #"""
    -- Creates the 16 hash partitions of a monthly chunks partition, secured like their parent.
    CREATE FUNCTION lore.create_chunk_hash_partitions(month_partition text) RETURNS void
        LANGUAGE plpgsql SET search_path = lore, pg_catalog AS $$
    BEGIN
        FOR r IN 0..15 LOOP
            EXECUTE format('CREATE TABLE lore.%I PARTITION OF lore.%I FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                           month_partition || '_p' || lpad(r::text, 2, '0'), month_partition, r);
            PERFORM lore.apply_tenant_policy(format('lore.%I', month_partition || '_p' || lpad(r::text, 2, '0'))::regclass);
        END LOOP;
    END $$;
    REVOKE ALL ON FUNCTION lore.create_chunk_hash_partitions(text) FROM PUBLIC;

    DO $$
    DECLARE
        part record;
        columns text;
        unsplit text;
    BEGIN
        -- Generated columns (content_tsv) are computed again, not copied.
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
          FROM pg_attribute
         WHERE attrelid = 'lore.chunks'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
        FOR part IN
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
              FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'lore.chunks'::regclass AND c.relkind = 'r'
             ORDER BY c.relname
        LOOP
            unsplit := part.relname || '_unsplit';
            EXECUTE format('ALTER TABLE lore.chunks DETACH PARTITION lore.%I', part.relname);
            EXECUTE format('ALTER TABLE lore.%I RENAME TO %I', part.relname, unsplit);
            EXECUTE format('CREATE TABLE lore.%I PARTITION OF lore.chunks %s PARTITION BY HASH (org_id)', part.relname, part.bound);
            PERFORM lore.create_chunk_hash_partitions(part.relname);
            PERFORM lore.apply_tenant_policy(format('lore.%I', part.relname)::regclass);
            -- The owner copies every organisation's rows: row security is lifted for the copy
            -- only and put back before the transaction ends.
            EXECUTE format('ALTER TABLE lore.%I NO FORCE ROW LEVEL SECURITY', unsplit);
            EXECUTE format('ALTER TABLE lore.%I NO FORCE ROW LEVEL SECURITY', part.relname);
            EXECUTE format('INSERT INTO lore.%I (%s) SELECT %s FROM lore.%I', part.relname, columns, columns, unsplit);
            EXECUTE format('ALTER TABLE lore.%I FORCE ROW LEVEL SECURITY', part.relname);
            EXECUTE format('DROP TABLE lore.%I', unsplit);
        END LOOP;
    END $$;

    -- The dedicated indexes went with the old tables: exact scans until they are rebuilt
    -- (every organisation's profile: row security is lifted for this statement's owner only).
    ALTER TABLE lore.search_profiles NO FORCE ROW LEVEL SECURITY;
    UPDATE lore.search_profiles SET route = 'exact', dedicated_index = NULL, updated_at = now() WHERE route = 'dedicated';
    ALTER TABLE lore.search_profiles FORCE ROW LEVEL SECURITY;

    CREATE OR REPLACE FUNCTION lore.ensure_month_partition(parent text, at timestamptz) RETURNS text
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = lore, pg_catalog AS $$
    DECLARE
        month_start date := date_trunc('month', at AT TIME ZONE 'UTC')::date;
        child text;
    BEGIN
        IF parent NOT IN ('chunks', 'performance_metrics', 'audit_log') THEN
            RAISE EXCEPTION 'not a monthly partitioned table: %', parent USING ERRCODE = '22023';
        END IF;
        IF month_start < date '2000-01-01' OR month_start > date '2200-01-01' THEN
            RAISE EXCEPTION 'month out of range: %', month_start USING ERRCODE = '22023';
        END IF;
        child := format('%s_y%sm%s', parent, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
        IF to_regclass(format('lore.%I', child)) IS NULL THEN
            -- Two sessions may race here; the loser's CREATE fails (after the winner committed
            -- the month and its hash partitions together) and it re-checks.
            BEGIN
                EXECUTE format(
                    'CREATE TABLE lore.%I PARTITION OF lore.%I FOR VALUES FROM (%L) TO (%L)%s',
                    child, parent,
                    (month_start::timestamp AT TIME ZONE 'UTC'),
                    ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'),
                    CASE WHEN parent = 'chunks' THEN ' PARTITION BY HASH (org_id)' ELSE '' END);
                IF parent = 'chunks' THEN
                    PERFORM lore.create_chunk_hash_partitions(child);
                END IF;
                PERFORM lore.apply_tenant_policy(format('lore.%I', child)::regclass);
            EXCEPTION WHEN duplicate_table THEN
                NULL;
            END;
        END IF;
        RETURN child;
    END $$;
    """#)
}
