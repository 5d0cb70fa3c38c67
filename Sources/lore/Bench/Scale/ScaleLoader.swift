import Foundation
import LoreCore
import LoreDatabase
import NIOCore
import PostgresNIO

/// Loads a `ScaleDataset` with COPY as the service role: organisations, one media item each,
/// and the chunks (vector, text, identifier tokens), then the search profiles.
struct ScaleLoader {
    let database: Database
    let dataset: ScaleDataset
    static let model = "all-MiniLM-L6-v2"

    struct Organisation: Sendable {
        let index: Int
        let id: OrgID
        let media: MediaID
        let size: Int
        let topics: [Int]
    }

    func organisations() -> [Organisation] {
        var random = SplitMix64(seed: dataset.seed ^ 0xA5A5)
        return dataset.organisationSizes().enumerated().map { index, size in
            let topicCount = min(16, 2 + size / 2_000)
            return Organisation(index: index, id: OrgID(UUID(uuid: Self.uuidBytes(&random))), media: MediaID(UUID(uuid: Self.uuidBytes(&random))),
                                size: size, topics: (0..<topicCount).map { _ in random.nextInt(ScaleDataset.topics) })
        }
    }

    static func text(random: inout SplitMix64, topic: Int) -> String {
        // Words mostly from the topic's own region of the vocabulary, some from anywhere.
        (0..<24).map { _ in ScaleDataset.word(random.nextInt(4) == 0 ? random.nextInt(8_000) : (topic * 15 + random.nextInt(60)) % 8_000) }
            .joined(separator: " ")
    }

    func load(_ orgs: [Organisation], progress: @Sendable (Int) -> Void) async throws {
        let vectors = dataset.vectors()
        try await database.withService { tx in
            for org in orgs {
                try await tx.query("""
                    INSERT INTO lore.organizations (id, slug, name, tier) VALUES (\(org.id.uuid), \("scale-" + org.id.description.prefix(13)), 'Scale', 'professional')
                    """)
                try await tx.query("INSERT INTO lore.org_usage (org_id) VALUES (\(org.id.uuid))")
                try await tx.query("""
                    INSERT INTO lore.media (org_id, id, kind, status, title, size_bytes, sha256, blob_key)
                    VALUES (\(org.id.uuid), \(org.media.uuid), 'document', 'ready', 'synthetic', 1, sha256(\(org.id.description)::bytea), 'none')
                    """)
            }
            try await tx.ensurePartition(.chunks, for: Date())
        }
        let now = ISO8601DateFormatter().string(from: Date())
        var loaded = 0
        // One COPY per batch of organisations keeps each transaction moderate.
        for batch in stride(from: 0, to: orgs.count, by: 50).map({ Array(orgs[$0..<min($0 + 50, orgs.count)]) }) {
            try await database.withService { tx in
                try await tx.copy(into: "chunks", columns: ["org_id", "id", "created_at", "media_id", "stage", "chunk_index", "content",
                                                                 "content_kind", "embedding_strategy", "embedding_model", "embedding_384", "ident_tokens"]) { writer in
                    var buffer = ByteBuffer()
                    for org in batch {
                        var random = SplitMix64(seed: dataset.seed &+ UInt64(org.index) &* 0x9E3779B97F4A7C15)
                        for index in 0..<org.size {
                            let topic = org.topics[random.nextInt(org.topics.count)]
                            let vector = vectors.vector(topic: topic, random: &random)
                            let text = Self.text(random: &random, topic: topic)
                            let identifier = "t\(topic)-\(random.nextInt(1000))"
                            buffer.writeString("\(org.id)\t\(UUID().uuidString.lowercased())\t\(now)\t\(org.media)\tindex\t\(index)\t\(text) \(identifier)\tdocument\tlightweight\t\(Self.model)\t")
                            buffer.writeString(Self.vectorText(vector))
                            buffer.writeString("\t{\(identifier)}\n")
                            if buffer.readableBytes > 1 << 20 {
                                try await writer.write(buffer)
                                buffer.clear()
                            }
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
            loaded += batch.reduce(0) { $0 + $1.size }
            progress(loaded)
        }
        try await database.withService { tx in
            try await tx.query("""
                INSERT INTO lore.search_profiles (org_id, embedding_model, strategy, chunk_count)
                SELECT org_id, embedding_model, 'lightweight', count(*) FROM lore.chunks GROUP BY org_id, embedding_model
                ON CONFLICT (org_id, embedding_model) DO UPDATE SET chunk_count = excluded.chunk_count
                """)
        }
    }

    static func vectorText(_ vector: [Float]) -> String {
        var text = "["
        text.reserveCapacity(vector.count * 10)
        for (index, value) in vector.enumerated() {
            if index > 0 { text += "," }
            text += String(format: "%.6f", value)
        }
        return text + "]"
    }

    static func uuidBytes(_ random: inout SplitMix64) -> uuid_t {
        let a = random.next(), b = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)); bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }
}
