import Foundation
import LoreCore
import PostgresNIO

extension TenantTransaction {
    // MARK: Transcripts

    public func saveTranscript(media: MediaID, _ transcript: Transcript) async throws {
        let source: String
        switch transcript.source {
        case .model(let name): source = "model:\(name)"
        case .provided(let format): source = "provided:\(format)"
        }
        try await query("""
            INSERT INTO transcripts (org_id, media_id, language, source, duration, segments)
            VALUES (\(org.uuid), \(media.uuid), \(transcript.language), \(source), \(transcript.duration), \(JSONColumn.encode(transcript.segments))::jsonb)
            ON CONFLICT (org_id, media_id) DO UPDATE
               SET language = excluded.language, source = excluded.source, duration = excluded.duration,
                   segments = excluded.segments, created_at = now()
            """)
    }

    public func transcript(media: MediaID) async throws -> Transcript? {
        let rows = try await query("SELECT language, source, duration, segments::text FROM transcripts WHERE media_id = \(media.uuid)")
        for try await (language, source, duration, segments) in rows.decode((String?, String, Double, String).self) {
            let parts = source.split(separator: ":", maxSplits: 1).map(String.init)
            let kind: TranscriptSource = parts.first == "provided" ? .provided(format: parts.last ?? "") : .model(parts.last ?? "")
            return Transcript(language: language, duration: duration,
                              segments: JSONColumn.decode([TranscriptSegment].self, segments) ?? [], source: kind)
        }
        return nil
    }

    // MARK: Frames and slide spans

    /// A key frame as stored.
    public struct FrameRow: Sendable {
        public var time: Double
        public var isSceneCut: Bool
        public var dHash: UInt64?
        public var pHash: UInt64?
        public var thumbnailKey: String?
        public var ocrText: String?
        public var width: Int?
        public var height: Int?
        /// Words from the vision describer, when descriptions are on.
        public var description: String?
        public init(time: Double, isSceneCut: Bool, dHash: UInt64?, pHash: UInt64?, thumbnailKey: String?, ocrText: String?, width: Int?, height: Int?,
                    description: String? = nil) {
            self.description = description
            self.time = time
            self.isSceneCut = isSceneCut
            self.dHash = dHash
            self.pHash = pHash
            self.thumbnailKey = thumbnailKey
            self.ocrText = ocrText
            self.width = width
            self.height = height
        }
    }

    public func replaceFrames(media: MediaID, frames: [FrameRow]) async throws {
        try await query("DELETE FROM video_frames WHERE media_id = \(media.uuid)")
        for frame in frames {
            try await query("""
                INSERT INTO video_frames (org_id, id, media_id, frame_time, is_scene_cut, dhash, phash, thumbnail_blob_key, ocr_text, width, height,
                                          description)
                VALUES (\(org.uuid), \(UUID()), \(media.uuid), \(frame.time), \(frame.isSceneCut), \(frame.dHash.map { Int64(bitPattern: $0) }),
                        \(frame.pHash.map { Int64(bitPattern: $0) }), \(frame.thumbnailKey), \(frame.ocrText), \(frame.width), \(frame.height),
                        \(frame.description))
                """)
        }
    }

    public func frameCount(media: MediaID) async throws -> Int {
        try await query("SELECT count(*)::int FROM video_frames WHERE media_id = \(media.uuid)").collect().first?.decode(Int.self) ?? 0
    }

    /// A slide or screen text span as stored.
    public struct SlideSpanRow: Sendable {
        public var start: Double
        public var end: Double
        public var text: String
        public var frameTime: Double?
        public var wordsJSON: String
        public init(start: Double, end: Double, text: String, frameTime: Double?, wordsJSON: String = "[]") {
            self.start = start
            self.end = end
            self.text = text
            self.frameTime = frameTime
            self.wordsJSON = wordsJSON
        }
    }

    public func replaceSlideSpans(media: MediaID, spans: [SlideSpanRow]) async throws {
        try await query("DELETE FROM slide_spans WHERE media_id = \(media.uuid)")
        for span in spans {
            try await query("""
                INSERT INTO slide_spans (org_id, id, media_id, start_time, end_time, text, frame_time, words)
                VALUES (\(org.uuid), \(UUID()), \(media.uuid), \(span.start), \(span.end), \(span.text), \(span.frameTime), \(span.wordsJSON)::jsonb)
                """)
        }
    }

    // MARK: Document tables

    public func replaceDocumentTables(media: MediaID, tables: [(page: Int?, title: String?, rows: [[String]])]) async throws {
        try await query("DELETE FROM document_tables WHERE media_id = \(media.uuid)")
        for (index, table) in tables.enumerated() {
            try await query("""
                INSERT INTO document_tables (org_id, id, media_id, table_index, page_number, title, rows)
                VALUES (\(org.uuid), \(UUID()), \(media.uuid), \(index), \(table.page), \(table.title), \(JSONColumn.encode(table.rows))::jsonb)
                """)
        }
    }

    public func documentTables(media: MediaID) async throws -> [(page: Int?, title: String?, rows: [[String]])] {
        var result: [(page: Int?, title: String?, rows: [[String]])] = []
        let rows = try await query("SELECT page_number, title, rows::text FROM document_tables WHERE media_id = \(media.uuid) ORDER BY table_index")
        for try await (page, title, cells) in rows.decode((Int?, String?, String).self) {
            result.append((page, title, JSONColumn.decode([[String]].self, cells) ?? []))
        }
        return result
    }

    // MARK: Image hashes and near-duplicates

    /// Near-duplicate thresholds: both upright distances, or both canonical distances, at most these.
    public struct DuplicateThresholds: Sendable {
        public var dHash: Int
        public var pHash: Int
        public var canonicalDHash: Int
        public var canonicalPHash: Int
        public init(dHash: Int, pHash: Int, canonicalDHash: Int, canonicalPHash: Int) {
            self.dHash = dHash
            self.pHash = pHash
            self.canonicalDHash = canonicalDHash
            self.canonicalPHash = canonicalPHash
        }
    }

    /// Stores an image's hashes and links it with the organisation's near-duplicates (both ways).
    /// Low-texture images are never linked. Returns the ids of the duplicates found.
    public func saveImageHashes(media: MediaID, _ hashes: PerceptualHashes, thresholds: DuplicateThresholds) async throws -> [MediaID] {
        let d = Int64(bitPattern: hashes.dHash), p = Int64(bitPattern: hashes.pHash)
        let cd = hashes.canonicalDHash.map { Int64(bitPattern: $0) }, cp = hashes.canonicalPHash.map { Int64(bitPattern: $0) }
        try await query("""
            INSERT INTO image_hashes (org_id, media_id, dhash, phash, canonical_dhash, canonical_phash, low_texture)
            VALUES (\(org.uuid), \(media.uuid), \(d), \(p), \(cd), \(cp), \(hashes.lowTexture))
            ON CONFLICT (org_id, media_id) DO UPDATE SET dhash = excluded.dhash, phash = excluded.phash,
                canonical_dhash = excluded.canonical_dhash, canonical_phash = excluded.canonical_phash, low_texture = excluded.low_texture
            """)
        try await query("DELETE FROM media_duplicates WHERE media_id = \(media.uuid) OR duplicate_id = \(media.uuid)")
        guard !hashes.lowTexture else { return [] }
        var pairs: [(UUID, Int, Int)] = []
        let rows = try await query("""
            SELECT media_id, bit_count((dhash # \(d))::bit(64))::int, bit_count((phash # \(p))::bit(64))::int
              FROM image_hashes
             WHERE media_id <> \(media.uuid) AND NOT low_texture
               AND ((bit_count((dhash # \(d))::bit(64)) <= \(thresholds.dHash) AND bit_count((phash # \(p))::bit(64)) <= \(thresholds.pHash))
                 OR (canonical_dhash IS NOT NULL AND \(cd)::bigint IS NOT NULL
                     AND bit_count((canonical_dhash # \(cd)::bigint)::bit(64)) <= \(thresholds.canonicalDHash)
                     AND bit_count((canonical_phash # \(cp)::bigint)::bit(64)) <= \(thresholds.canonicalPHash)))
            """)
        for try await row in rows.decode((UUID, Int, Int).self) { pairs.append(row) }
        for (other, dd, pd) in pairs {
            try await query("""
                INSERT INTO media_duplicates (org_id, media_id, duplicate_id, dhash_distance, phash_distance)
                VALUES (\(org.uuid), \(media.uuid), \(other), \(dd), \(pd)), (\(org.uuid), \(other), \(media.uuid), \(dd), \(pd))
                ON CONFLICT DO NOTHING
                """)
        }
        return pairs.map { MediaID($0.0) }
    }

    public func duplicates(of media: MediaID) async throws -> [MediaID] {
        try await query("SELECT duplicate_id FROM media_duplicates WHERE media_id = \(media.uuid) ORDER BY dhash_distance + phash_distance")
            .collect().map { MediaID(try $0.decode(UUID.self)) }
    }

    // MARK: Embedding cache

    /// Cached vectors for texts (keyed by sha256 of the normalised text).
    public func cachedEmbeddings(model: String, keys: [[UInt8]]) async throws -> [[UInt8]: [Float]] {
        guard !keys.isEmpty else { return [:] }
        var result: [[UInt8]: [Float]] = [:]
        let rows = try await query("""
            UPDATE embedding_cache SET last_used_at = now()
             WHERE model = \(model) AND text_sha256 = ANY(\(keys.map { Bytea($0) }))
            RETURNING text_sha256, embedding::text
            """)
        for try await (key, vector) in rows.decode((Bytea, String).self) { result[key.bytes] = VectorText.decode(vector) }
        return result
    }

    public func storeEmbeddings(model: String, _ entries: [([UInt8], [Float])]) async throws {
        for (key, vector) in entries {
            try await query("""
                INSERT INTO embedding_cache (org_id, model, text_sha256, embedding)
                VALUES (\(org.uuid), \(model), \(Bytea(key)), \(VectorText.encode(vector))::vector)
                ON CONFLICT (org_id, model, text_sha256) DO UPDATE SET last_used_at = now()
                """)
        }
    }
}

extension TenantTransaction {
    /// What a document says about itself (one row per media item).
    public func saveDocumentFacts(media: MediaID, format: String, pageCount: Int?, title: String?, author: String?,
                                  language: String?, parser: String) async throws {
        try await query("""
            INSERT INTO imported_documents (org_id, id, media_id, format, page_count, title, author, language, parser)
            VALUES (\(org.uuid), \(UUID()), \(media.uuid), \(format), \(pageCount), \(title), \(author), \(language), \(parser))
            ON CONFLICT (org_id, media_id) DO UPDATE
               SET format = excluded.format, page_count = excluded.page_count, title = excluded.title,
                   author = excluded.author, language = excluded.language, parser = excluded.parser
            """)
    }
}

extension TenantTransaction {
    /// The stored thumbnail of the key frame nearest to `time` (nil when the item has no frames).
    public func nearestFrameThumbnail(media: MediaID, time: Double) async throws -> String? {
        try await query("""
            SELECT thumbnail_blob_key FROM video_frames
             WHERE media_id = \(media.uuid) AND thumbnail_blob_key IS NOT NULL
             ORDER BY abs(frame_time - \(time)) LIMIT 1
            """).collect().first?.decode(String.self)
    }
}

extension TenantTransaction {
    /// Every chunk text of a media item, in stage and chunk order (evaluation, export).
    public func chunkContents(media: MediaID) async throws -> [String] {
        try await query("SELECT content FROM chunks WHERE media_id = \(media.uuid) ORDER BY stage, chunk_index")
            .collect().map { try $0.decode(String.self) }
    }

    /// The stored on-screen text spans of a video, by start time.
    public func slideSpans(media: MediaID) async throws -> [SlideSpanRow] {
        var spans: [SlideSpanRow] = []
        let rows = try await query("SELECT start_time, end_time, text, frame_time FROM slide_spans WHERE media_id = \(media.uuid) ORDER BY start_time")
        for try await (start, end, text, frame) in rows.decode((Double, Double, String, Double?).self) {
            spans.append(SlideSpanRow(start: start, end: end, text: text, frameTime: frame))
        }
        return spans
    }
}
