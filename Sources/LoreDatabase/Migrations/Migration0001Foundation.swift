extension Migration {
    /// Tenancy, organisations, people, keys, media, documents, chunks, frames, connectors,
    /// metrics and audit. Every tenant table: `org_id` in the primary key, RLS enabled and
    /// forced, one policy for all commands reading the tenant from a transaction-local setting.
    static let foundation = Migration(version: 1, name: "foundation", sql: #"""
    -- The tenant of the current transaction; NULL (never "all") when unset or empty, so every
    -- policy below fails closed. A malformed value raises an error.
    CREATE FUNCTION lore.current_org_id() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT nullif(current_setting('lore.org_id', true), '')::uuid $$;

    -- Enables and forces RLS on a tenant table and gives it the one tenant policy.
    CREATE FUNCTION lore.apply_tenant_policy(tbl regclass, org_column text DEFAULT 'org_id') RETURNS void
        LANGUAGE plpgsql AS $$
    BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
        EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %s FOR ALL USING (%I = (SELECT lore.current_org_id())) WITH CHECK (%I = (SELECT lore.current_org_id()))',
            tbl, org_column, org_column);
    END $$;

    CREATE TABLE lore.organizations (
        id            uuid PRIMARY KEY,
        slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        tier          text NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'starter', 'professional', 'enterprise')),
        plan          text NOT NULL DEFAULT 'free',
        quotas        jsonb NOT NULL DEFAULT '{}',
        feature_flags jsonb NOT NULL DEFAULT '{}',
        settings      jsonb NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
    );
    SELECT lore.apply_tenant_policy('lore.organizations', 'id');

    -- Running totals that quotas are checked against, updated in the same transaction as the
    -- media rows they count.
    CREATE TABLE lore.org_usage (
        org_id        uuid PRIMARY KEY REFERENCES lore.organizations (id) ON DELETE CASCADE,
        media_count   bigint NOT NULL DEFAULT 0 CHECK (media_count >= 0),
        media_bytes   bigint NOT NULL DEFAULT 0 CHECK (media_bytes >= 0),
        media_seconds double precision NOT NULL DEFAULT 0 CHECK (media_seconds >= 0),
        updated_at    timestamptz NOT NULL DEFAULT now()
    );
    SELECT lore.apply_tenant_policy('lore.org_usage');

    CREATE TABLE lore.users (
        org_id        uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        id            uuid NOT NULL,
        email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email LIKE '%_@_%'),
        display_name  text,
        password_hash text,
        role          text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        PRIMARY KEY (org_id, id)
    );
    CREATE UNIQUE INDEX users_org_email ON lore.users (org_id, lower(email));
    SELECT lore.apply_tenant_policy('lore.users');

    CREATE TABLE lore.api_keys (
        org_id       uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        id           uuid NOT NULL,
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        -- Public, unique part of the key (shown in listings); the secret is only stored hashed.
        prefix       text NOT NULL UNIQUE,
        secret_hash  bytea NOT NULL,
        role         text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        created_by   uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at   timestamptz,
        revoked_at   timestamptz,
        PRIMARY KEY (org_id, id)
    );
    SELECT lore.apply_tenant_policy('lore.api_keys');

    CREATE TABLE lore.media (
        org_id            uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        id                uuid NOT NULL,
        kind              text NOT NULL DEFAULT 'unknown' CHECK (kind IN ('unknown', 'video', 'audio', 'image', 'document')),
        status            text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'processing', 'ready', 'partial', 'failed')),
        source            text NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'import', 'zoom', 'teams')),
        title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        original_filename text CHECK (length(original_filename) <= 1024),
        content_type      text,
        size_bytes        bigint NOT NULL CHECK (size_bytes > 0),
        sha256            bytea NOT NULL CHECK (length(sha256) = 32),
        blob_key          text NOT NULL,
        storage_tier      text NOT NULL DEFAULT 'hot' CHECK (storage_tier IN ('hot', 'warm', 'cold', 'archive')),
        duration_seconds  double precision CHECK (duration_seconds >= 0),
        language          text,
        tags              text[] NOT NULL DEFAULT '{}',
        metadata          jsonb NOT NULL DEFAULT '{}',
        external_id       text,
        uploaded_by       uuid,
        recorded_at       timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id)
    );
    -- One copy of identical content per organisation: re-uploads are detected, not re-processed.
    CREATE UNIQUE INDEX media_org_sha256 ON lore.media (org_id, sha256);
    CREATE INDEX media_org_created ON lore.media (org_id, created_at DESC, id DESC);
    SELECT lore.apply_tenant_policy('lore.media');

    CREATE TABLE lore.imported_documents (
        org_id      uuid NOT NULL,
        id          uuid NOT NULL,
        media_id    uuid NOT NULL,
        format      text NOT NULL,
        page_count  integer CHECK (page_count >= 0),
        title       text,
        author      text,
        language    text,
        parser      text,
        metadata    jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, media_id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.imported_documents');

    -- Searchable pieces of every media item, partitioned by month of creation. `org_id` leads
    -- the key so the table can be distributed by organisation unchanged.
    CREATE TABLE lore.chunks (
        org_id             uuid NOT NULL,
        id                 uuid NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        media_id           uuid NOT NULL,
        chunk_index        integer NOT NULL CHECK (chunk_index >= 0),
        content            text NOT NULL,
        content_kind       text NOT NULL CHECK (content_kind IN ('transcript', 'document', 'ocr', 'frame', 'table', 'description')),
        start_seconds      double precision,
        end_seconds        double precision,
        speakers           text[] NOT NULL DEFAULT '{}',
        page_number        integer,
        bbox               double precision[],
        frame_time         double precision,
        language           text,
        token_count        integer,
        chunking_strategy  text,
        semantic_score     real,
        structure_type     text,
        boundary_type      text,
        embedding_strategy text,
        embedding_model    text,
        embedding_384      vector(384),
        embedding_1536     vector(1536),
        embedding_3072     halfvec(3072),
        metadata           jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (org_id, id, created_at),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE,
        CHECK (end_seconds IS NULL OR start_seconds IS NULL OR end_seconds >= start_seconds)
    ) PARTITION BY RANGE (created_at);
    CREATE INDEX chunks_org_media ON lore.chunks (org_id, media_id, chunk_index);
    SELECT lore.apply_tenant_policy('lore.chunks');

    CREATE TABLE lore.video_frames (
        org_id             uuid NOT NULL,
        id                 uuid NOT NULL,
        media_id           uuid NOT NULL,
        frame_time         double precision NOT NULL CHECK (frame_time >= 0),
        end_time           double precision,
        is_scene_cut       boolean NOT NULL DEFAULT false,
        dhash              bigint,
        phash              bigint,
        thumbnail_blob_key text,
        ocr_text           text,
        description        text,
        width              integer,
        height             integer,
        metadata           jsonb NOT NULL DEFAULT '{}',
        created_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX video_frames_media_time ON lore.video_frames (org_id, media_id, frame_time);
    SELECT lore.apply_tenant_policy('lore.video_frames');

    CREATE TABLE lore.connector_configs (
        org_id            uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        id                uuid NOT NULL,
        provider          text NOT NULL CHECK (provider IN ('zoom', 'teams')),
        display_name      text,
        status            text NOT NULL DEFAULT 'disconnected' CHECK (status IN ('disconnected', 'active', 'error', 'paused')),
        settings          jsonb NOT NULL DEFAULT '{}',
        encrypted_tokens  bytea,
        external_account  text,
        last_sync_at      timestamptz,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, provider, external_account)
    );
    SELECT lore.apply_tenant_policy('lore.connector_configs');

    -- Latency, cost and usage per operation and organisation (seed §10), partitioned by month.
    CREATE TABLE lore.performance_metrics (
        org_id      uuid NOT NULL,
        id          uuid NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        operation   text NOT NULL,
        duration_ms double precision NOT NULL CHECK (duration_ms >= 0),
        succeeded   boolean NOT NULL DEFAULT true,
        units       bigint,
        cost_usd    numeric(14, 6),
        metadata    jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (org_id, id, created_at)
    ) PARTITION BY RANGE (created_at);
    CREATE INDEX performance_metrics_org_op ON lore.performance_metrics (org_id, operation, created_at);
    SELECT lore.apply_tenant_policy('lore.performance_metrics');

    -- Who did what, partitioned by month.
    CREATE TABLE lore.audit_log (
        org_id      uuid NOT NULL,
        id          uuid NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        actor       text NOT NULL,
        action      text NOT NULL,
        target_type text,
        target_id   text,
        request_id  text,
        details     jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (org_id, id, created_at)
    ) PARTITION BY RANGE (created_at);
    CREATE INDEX audit_log_org_time ON lore.audit_log (org_id, created_at DESC);
    SELECT lore.apply_tenant_policy('lore.audit_log');

    -- Creates the month partition of a partitioned table that holds `at`, with RLS like its
    -- parent. Runs with the owner's rights so the application role can call it when data
    -- arrives for a month nobody prepared, without being able to create tables itself.
    CREATE FUNCTION lore.ensure_month_partition(parent text, at timestamptz) RETURNS text
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
            -- Two sessions may race here; the loser's CREATE fails and it re-checks.
            BEGIN
                EXECUTE format(
                    'CREATE TABLE lore.%I PARTITION OF lore.%I FOR VALUES FROM (%L) TO (%L)',
                    child, parent,
                    (month_start::timestamp AT TIME ZONE 'UTC'),
                    ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
                PERFORM lore.apply_tenant_policy(format('lore.%I', child)::regclass);
            EXCEPTION WHEN duplicate_table THEN
                NULL;
            END;
        END IF;
        RETURN child;
    END $$;
    REVOKE ALL ON FUNCTION lore.ensure_month_partition(text, timestamptz) FROM PUBLIC;

    SELECT lore.ensure_month_partition(p, m)
      FROM unnest(ARRAY['chunks', 'performance_metrics', 'audit_log']) AS p,
           unnest(ARRAY[now(), now() + interval '1 month']) AS m;

    -- Resolves an API key by its public prefix across organisations: the one cross-tenant read
    -- the application needs before it knows the tenant. Owned by the service role (which
    -- bypasses RLS) and returns only what authentication needs.
    CREATE FUNCTION lore.resolve_api_key(key_prefix text)
        RETURNS TABLE (org_id uuid, key_id uuid, secret_hash bytea, role text, revoked boolean, expired boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lore, pg_catalog AS $$
        SELECT k.org_id, k.id, k.secret_hash, k.role, k.revoked_at IS NOT NULL,
               k.expires_at IS NOT NULL AND k.expires_at <= now()
          FROM lore.api_keys k WHERE k.prefix = key_prefix
    $$;
    REVOKE ALL ON FUNCTION lore.resolve_api_key(text) FROM PUBLIC;
    -- A new owner needs CREATE on the schema at the moment of the change only.
    GRANT CREATE ON SCHEMA lore TO lore_service;
    ALTER FUNCTION lore.resolve_api_key(text) OWNER TO lore_service;
    REVOKE CREATE ON SCHEMA lore FROM lore_service;

    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA lore TO lore_app, lore_service;
    -- The migration record is readable (readiness checks) but only the owner writes it.
    REVOKE INSERT, UPDATE, DELETE ON lore.schema_migrations FROM lore_app, lore_service;
    GRANT EXECUTE ON FUNCTION lore.ensure_month_partition(text, timestamptz) TO lore_app, lore_service;
    GRANT EXECUTE ON FUNCTION lore.resolve_api_key(text) TO lore_app;
    """#)
}
