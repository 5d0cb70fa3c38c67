extension Migration {
    /// What the media pipeline records: per-stage status, transcripts, structured tables,
    /// near-duplicate links, slide spans and the embedding cache; chunks learn which stage wrote
    /// them (so re-running a stage replaces exactly its own chunks).
    static let pipeline = Migration(version: 3, name: "pipeline", sql: #"""
    CREATE TABLE lore.media_stages (
        org_id        uuid NOT NULL,
        media_id      uuid NOT NULL,
        stage         text NOT NULL CHECK (stage ~ '^[a-z_]{1,40}$'),
        status        text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
        attempts      integer NOT NULL DEFAULT 0,
        started_at    timestamptz,
        finished_at   timestamptz,
        duration_ms   double precision,
        error_code    text,
        error_message text,
        details       jsonb NOT NULL DEFAULT '{}',
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, media_id, stage),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.media_stages');

    CREATE TABLE lore.transcripts (
        org_id      uuid NOT NULL,
        media_id    uuid NOT NULL,
        language    text,
        source      text NOT NULL,
        duration    double precision NOT NULL DEFAULT 0,
        segments    jsonb NOT NULL DEFAULT '[]',
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, media_id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.transcripts');

    CREATE TABLE lore.document_tables (
        org_id      uuid NOT NULL,
        id          uuid NOT NULL,
        media_id    uuid NOT NULL,
        table_index integer NOT NULL,
        page_number integer,
        title       text,
        rows        jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, media_id, table_index),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.document_tables');

    CREATE TABLE lore.slide_spans (
        org_id      uuid NOT NULL,
        id          uuid NOT NULL,
        media_id    uuid NOT NULL,
        start_time  double precision NOT NULL,
        end_time    double precision NOT NULL,
        text        text NOT NULL,
        frame_time  double precision,
        words       jsonb NOT NULL DEFAULT '[]',
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE,
        CHECK (end_time >= start_time)
    );
    CREATE INDEX slide_spans_media ON lore.slide_spans (org_id, media_id, start_time);
    SELECT lore.apply_tenant_policy('lore.slide_spans');

    -- Near-duplicate images inside one organisation (both directions are stored).
    CREATE TABLE lore.media_duplicates (
        org_id          uuid NOT NULL,
        media_id        uuid NOT NULL,
        duplicate_id    uuid NOT NULL,
        dhash_distance  integer NOT NULL,
        phash_distance  integer NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, media_id, duplicate_id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE,
        FOREIGN KEY (org_id, duplicate_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.media_duplicates');

    -- Image hashes for duplicate look-ups (one row per image media item).
    CREATE TABLE lore.image_hashes (
        org_id       uuid NOT NULL,
        media_id     uuid NOT NULL,
        dhash        bigint NOT NULL,
        phash        bigint NOT NULL,
        -- Hashes of the canonical (orientation-normalised) disc: they match mirrored and turned copies.
        canonical_dhash bigint,
        canonical_phash bigint,
        low_texture  boolean NOT NULL,
        PRIMARY KEY (org_id, media_id),
        FOREIGN KEY (org_id, media_id) REFERENCES lore.media (org_id, id) ON DELETE CASCADE
    );
    SELECT lore.apply_tenant_policy('lore.image_hashes');

    -- Embeddings already computed, per organisation, model and normalised text: re-ingesting
    -- identical content costs no model time. Vectors of any width (no typmod).
    CREATE TABLE lore.embedding_cache (
        org_id       uuid NOT NULL,
        model        text NOT NULL,
        text_sha256  bytea NOT NULL,
        embedding    vector NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, model, text_sha256)
    );
    SELECT lore.apply_tenant_policy('lore.embedding_cache');

    ALTER TABLE lore.chunks ADD COLUMN stage text NOT NULL DEFAULT 'index';
    DROP INDEX lore.chunks_org_media;
    CREATE INDEX chunks_org_media ON lore.chunks (org_id, media_id, stage, chunk_index);
    ALTER TABLE lore.video_frames ADD COLUMN stage text NOT NULL DEFAULT 'frames';

    GRANT SELECT, INSERT, UPDATE, DELETE ON lore.media_stages, lore.transcripts, lore.document_tables, lore.slide_spans,
        lore.media_duplicates, lore.image_hashes, lore.embedding_cache TO lore_app, lore_service;
    """#)
}
