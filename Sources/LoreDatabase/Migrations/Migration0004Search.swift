extension Migration {
    /// Keyword search (a tsvector per chunk in a per-row text-search configuration, plus exact
    /// identifier tokens that stemming would break) and per-organisation search routing.
    static let search = Migration(version: 4, name: "search", sql: #"""
    ALTER TABLE lore.chunks ADD COLUMN ts_config regconfig NOT NULL DEFAULT 'english';
    ALTER TABLE lore.chunks ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS (to_tsvector(ts_config, content)) STORED;
    ALTER TABLE lore.chunks ADD COLUMN ident_tokens text[] NOT NULL DEFAULT '{}';
    CREATE INDEX chunks_content_tsv ON lore.chunks USING gin (content_tsv);
    CREATE INDEX chunks_ident_tokens ON lore.chunks USING gin (ident_tokens);
    -- Exact vector scans of one organisation read its rows through this index.
    CREATE INDEX chunks_org_model ON lore.chunks (org_id, embedding_model);

    -- How each organisation's vector search runs, kept current as chunks come and go:
    -- `exact` (a scan of the organisation's rows) or `dedicated` (a partial HNSW index of its
    -- own on every partition holding its rows, used once built and valid).
    CREATE TABLE lore.search_profiles (
        org_id           uuid NOT NULL REFERENCES lore.organizations (id) ON DELETE CASCADE,
        embedding_model  text NOT NULL,
        strategy         text NOT NULL,
        chunk_count      bigint NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
        route            text NOT NULL DEFAULT 'exact' CHECK (route IN ('exact', 'dedicated')),
        dedicated_index  text,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, embedding_model)
    );
    SELECT lore.apply_tenant_policy('lore.search_profiles');

    -- The text-search configuration an organisation's new chunks use (see `ts_config`).
    ALTER TABLE lore.organizations ADD COLUMN text_search_config regconfig NOT NULL DEFAULT 'english';

    GRANT SELECT, INSERT, UPDATE, DELETE ON lore.search_profiles TO lore_app, lore_service;
    """#)
}
