import Foundation
import LoreCore
import PostgresNIO

extension TenantTransaction {
    /// Replaces every chunk one pipeline stage wrote for a media item (re-running a stage never
    /// duplicates chunks). Embeddings, when given, must match `drafts` one to one.
    public func replaceChunks(media: MediaID, stage: String, drafts: [ChunkDraft], embeddings: [ChunkEmbedding?],
                              at date: Date = Date()) async throws {
        precondition(embeddings.isEmpty || embeddings.count == drafts.count, "one embedding per chunk")
        try await forgetChunksInSearchProfiles(media: media, stage: stage)
        try await query("DELETE FROM chunks WHERE media_id = \(media.uuid) AND stage = \(stage)")
        guard !drafts.isEmpty else { return }
        try await ensurePartition(.chunks, for: date)
        let config = try await query("SELECT text_search_config::text FROM organizations WHERE id = \(org.uuid)").collect().first?.decode(String.self) ?? "english"
        var added: [String: (EmbeddingStrategy, Int)] = [:]
        for (index, draft) in drafts.enumerated() {
            let embedding = embeddings.isEmpty ? nil : embeddings[index]
            let bbox = draft.bbox.map { [$0.x, $0.y, $0.width, $0.height] }
            let metadata = JSONColumn.encode(draft.metadata)
            let identifiers = IdentifierTokens.extract(draft.content)
            if let embedding {
                added[embedding.model, default: (embedding.strategy, 0)].1 += 1
                let column = VectorText.column(embedding.strategy)
                try await query("""
                    INSERT INTO chunks (org_id, id, created_at, media_id, stage, chunk_index, content, content_kind, start_seconds, end_seconds,
                        speakers, page_number, bbox, frame_time, language, token_count, chunking_strategy, semantic_score, structure_type,
                        boundary_type, embedding_strategy, embedding_model, \(unescaped: column.name), metadata, ts_config, ident_tokens)
                    VALUES (\(org.uuid), \(UUID()), \(date), \(media.uuid), \(stage), \(index), \(draft.content), \(draft.kind.rawValue),
                        \(draft.startSeconds), \(draft.endSeconds), \(draft.speakers), \(draft.pageNumber), \(bbox), \(draft.frameTime),
                        \(draft.language), \(draft.tokenCount), \(draft.chunkingStrategy), \(draft.semanticScore), \(draft.structureType),
                        \(draft.boundaryType), \(embedding.strategy.rawValue), \(embedding.model),
                        \(VectorText.encode(embedding.vector))::\(unescaped: column.type), \(metadata)::jsonb,
                        \(config)::regconfig, \(identifiers))
                    """)
            } else {
                try await query("""
                    INSERT INTO chunks (org_id, id, created_at, media_id, stage, chunk_index, content, content_kind, start_seconds, end_seconds,
                        speakers, page_number, bbox, frame_time, language, token_count, chunking_strategy, semantic_score, structure_type,
                        boundary_type, metadata, ts_config, ident_tokens)
                    VALUES (\(org.uuid), \(UUID()), \(date), \(media.uuid), \(stage), \(index), \(draft.content), \(draft.kind.rawValue),
                        \(draft.startSeconds), \(draft.endSeconds), \(draft.speakers), \(draft.pageNumber), \(bbox), \(draft.frameTime),
                        \(draft.language), \(draft.tokenCount), \(draft.chunkingStrategy), \(draft.semanticScore), \(draft.structureType),
                        \(draft.boundaryType), \(metadata)::jsonb, \(config)::regconfig, \(identifiers))
                    """)
            }
        }
        for (model, (strategy, count)) in added {
            try await adjustSearchProfile(model: model, strategy: strategy, delta: count)
        }
    }

    /// Keeps `search_profiles.chunk_count` current before chunks of a media item (one stage, or
    /// all) are deleted.
    func forgetChunksInSearchProfiles(media: MediaID, stage: String?) async throws {
        let rows = try await query("""
            SELECT embedding_model, embedding_strategy, count(*)::int FROM chunks
             WHERE media_id = \(media.uuid) AND (\(stage)::text IS NULL OR stage = \(stage)) AND embedding_model IS NOT NULL
             GROUP BY 1, 2
            """)
        var removed: [(String, String, Int)] = []
        for try await row in rows.decode((String, String, Int).self) { removed.append(row) }
        for (model, strategy, count) in removed {
            try await adjustSearchProfile(model: model, strategy: EmbeddingStrategy(rawValue: strategy) ?? .lightweight, delta: -count)
        }
    }

    func adjustSearchProfile(model: String, strategy: EmbeddingStrategy, delta: Int) async throws {
        try await query("""
            INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count)
            VALUES (\(org.uuid), \(model), \(strategy.rawValue), greatest(0, \(delta)))
            ON CONFLICT (org_id, embedding_model) DO UPDATE
               SET chunk_count = greatest(0, search_profiles.chunk_count + \(delta)), updated_at = now()
            """)
    }

    /// Number of chunks of a media item, per stage.
    public func chunkCounts(media: MediaID) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for try await (stage, count) in try await query("SELECT stage, count(*)::int FROM chunks WHERE media_id = \(media.uuid) GROUP BY stage").decode((String, Int).self) {
            counts[stage] = count
        }
        return counts
    }
}
