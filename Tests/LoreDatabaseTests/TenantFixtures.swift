import Foundation
import LoreCore
import LoreDatabase
import PostgresNIO

/// One row per tenant table for an organisation, written as that organisation. The catalog
/// test fails when a tenant table has no fixture here, so new tables join the isolation matrix.
enum TenantFixtures {
    /// Per table: the column that names the tenant, and an INSERT for the given org/row ids.
    static let inserts: [String: (orgColumn: String, insert: @Sendable (UUID, UUID, UUID) -> PostgresQuery)] = [
        "organizations": ("id", { org, _, _ in
            "INSERT INTO organizations (id, slug, name) VALUES (\(org), \("x-" + org.uuidString.prefix(12).lowercased()), 'Iso') ON CONFLICT DO NOTHING"
        }),
        "org_usage": ("org_id", { org, _, _ in "INSERT INTO org_usage (org_id) VALUES (\(org)) ON CONFLICT DO NOTHING" }),
        "users": ("org_id", { org, id, _ in
            "INSERT INTO users (org_id, id, email, role) VALUES (\(org), \(id), \("u\(id.uuidString.prefix(6))@example.com"), 'member')"
        }),
        "api_keys": ("org_id", { org, id, _ in
            "INSERT INTO api_keys (org_id, id, name, prefix, secret_hash, role) VALUES (\(org), \(id), 'k', \("p" + id.uuidString.prefix(12)), '\\x00'::bytea, 'viewer')"
        }),
        "media": ("org_id", { org, id, _ in
            "INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org), \(id), 't', 1, sha256(\(id.uuidString)::bytea), 'b')"
        }),
        "imported_documents": ("org_id", { org, id, media in
            "INSERT INTO imported_documents (org_id, id, media_id, format) VALUES (\(org), \(id), \(media), 'pdf')"
        }),
        "chunks": ("org_id", { org, id, media in
            "INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind) VALUES (\(org), \(id), \(media), 0, 'hello', 'document')"
        }),
        "video_frames": ("org_id", { org, id, media in
            "INSERT INTO video_frames (org_id, id, media_id, frame_time) VALUES (\(org), \(id), \(media), 1.5)"
        }),
        "connector_configs": ("org_id", { org, id, _ in
            "INSERT INTO connector_configs (org_id, id, provider, external_account) VALUES (\(org), \(id), 'zoom', \(id.uuidString))"
        }),
        "performance_metrics": ("org_id", { org, id, _ in
            "INSERT INTO performance_metrics (org_id, id, operation, duration_ms) VALUES (\(org), \(id), 'search', 1.0)"
        }),
        "audit_log": ("org_id", { org, id, _ in
            "INSERT INTO audit_log (org_id, id, actor, action) VALUES (\(org), \(id), 'test', 'create')"
        }),
        "media_stages": ("org_id", { org, _, media in
            "INSERT INTO media_stages (org_id, media_id, stage, status) VALUES (\(org), \(media), 'probe', 'succeeded')"
        }),
        "transcripts": ("org_id", { org, _, media in
            "INSERT INTO transcripts (org_id, media_id, source) VALUES (\(org), \(media), 'model') ON CONFLICT DO NOTHING"
        }),
        "document_tables": ("org_id", { org, id, media in
            "INSERT INTO document_tables (org_id, id, media_id, table_index, rows) VALUES (\(org), \(id), \(media), \(Int(id.uuid.0)), '[]')"
        }),
        "slide_spans": ("org_id", { org, id, media in
            "INSERT INTO slide_spans (org_id, id, media_id, start_time, end_time, text) VALUES (\(org), \(id), \(media), 1, 2, 'slide')"
        }),
        "media_duplicates": ("org_id", { org, _, media in
            "INSERT INTO media_duplicates (org_id, media_id, duplicate_id, dhash_distance, phash_distance) VALUES (\(org), \(media), \(media), 0, 0) ON CONFLICT DO NOTHING"
        }),
        "image_hashes": ("org_id", { org, _, media in
            "INSERT INTO image_hashes (org_id, media_id, dhash, phash, low_texture) VALUES (\(org), \(media), 1, 2, false) ON CONFLICT DO NOTHING"
        }),
        "search_profiles": ("org_id", { org, _, _ in
            "INSERT INTO search_profiles (org_id, embedding_model, strategy) VALUES (\(org), 'm', 'lightweight') ON CONFLICT DO NOTHING"
        }),
        "term_statistics": ("org_id", { org, id, _ in
            "INSERT INTO term_statistics (org_id, lexeme, chunks) VALUES (\(org), \(id.uuidString), 1)"
        }),
        "term_statistics_state": ("org_id", { org, _, _ in
            "INSERT INTO term_statistics_state (org_id, chunk_count, lexemes) VALUES (\(org), 1, 1) ON CONFLICT DO NOTHING"
        }),
        "embedding_cache": ("org_id", { org, id, _ in
            "INSERT INTO embedding_cache (org_id, model, text_sha256, embedding) VALUES (\(org), 'm', sha256(\(id.uuidString)::bytea), '[1,2,3]')"
        }),
        "jobs": ("org_id", { org, id, _ in
            "INSERT INTO jobs (id, org_id, kind, payload) VALUES (\(id), \(org), 'test.fixture', '{}'::jsonb)"
        }),
    ]

    /// Tables that need a media row of the same organisation first.
    static let needsMedia: Set<String> = [
        "imported_documents", "chunks", "video_frames", "media_stages", "transcripts", "document_tables",
        "slide_spans", "media_duplicates", "image_hashes",
    ]
}
