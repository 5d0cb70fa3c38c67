import Foundation
import PostgresNIO
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// Keyword search's document frequencies: counted up to a cap and estimated from a sample past
/// it, or — for organisations large enough — looked up in stored term statistics.
@Suite struct KeywordLookupTests {
    /// An organisation with `count` chunks whose text is "hello" (the tenancy fixture's).
    static func organisation(chunks count: Int, in database: Database) async throws -> UUID {
        let org = UUID()
        try await database.withOrg(OrgID(org)) { tx in
            _ = try await tx.query(TenantFixtures.inserts["organizations"]!.insert(org, org, org))
            for _ in 0..<count { try await addChunk(tx, org: org, text: "hello") }
        }
        return org
    }

    static func addChunk(_ tx: TenantTransaction, org: UUID, text: String) async throws {
        let media = UUID()
        _ = try await tx.query(TenantFixtures.inserts["media"]!.insert(org, media, media))
        _ = try await tx.query("""
            INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind) VALUES (\(org), \(UUID()), \(media), 0, \(text), 'document')
            """)
    }

    static func frequencies(_ lexemes: [String], org: UUID, cap: Int, sample: Int, corpus: Int, in database: Database) async throws -> [Double]? {
        try await database.withOrg(OrgID(org)) { tx in
            try await tx.query("""
                SELECT lore.keyword_document_frequencies(\(lexemes)::text[]::tsquery[], \(lexemes)::text[], \(cap)::int, \(sample)::int, \(corpus)::int8)
                """).collect().first?.decode([Double].self)
        }
    }

    @Test func frequenciesPastTheCapAreEstimatedFromASample() async throws {
        let database = try await TestDatabase.shared.database()
        let org = try await Self.organisation(chunks: 5, in: database)
        func frequencies(cap: Int, sample: Int, corpus: Int) async throws -> [Double]? {
            try await Self.frequencies(["hello", "absent"], org: org, cap: cap, sample: sample, corpus: corpus, in: database)
        }
        // Under the cap: exact counts.
        #expect(try await frequencies(cap: 100, sample: 10, corpus: 5) == [5, 0])
        // At the cap: every sampled row holds "hello", so all 1,000 chunks the caller says the
        // organisation has are estimated to hold it; "absent" stays exact.
        #expect(try await frequencies(cap: 2, sample: 10, corpus: 1_000) == [1_000, 0])
        // An estimate below the cap is raised to it.
        #expect(try await frequencies(cap: 2, sample: 10, corpus: 1) == [2, 0])
        // No terms, no counts.
        #expect(try await Self.frequencies([], org: org, cap: 100, sample: 10, corpus: 5, in: database) == [])
    }

    /// Statistics are taken for organisations at the threshold, scale with growth, leave lexemes
    /// new since to counting, are retaken after drifting, and are the organisation's own.
    @Test func largeOrganisationsUseTheirStoredStatistics() async throws {
        let database = try await TestDatabase.shared.database()
        let large = try await Self.organisation(chunks: 4, in: database)
        let small = try await Self.organisation(chunks: 2, in: database)
        for (org, count) in [(large, 4), (small, 2)] {
            try await database.withOrg(OrgID(org)) { tx in
                try await tx.query("""
                    INSERT INTO search_profiles (org_id, embedding_model, strategy, chunk_count) VALUES (\(org), 'm', 'lightweight', \(count))
                    """)
            }
        }
        let statistics = TermStatistics(database: database, threshold: 4)
        var pending = try await statistics.pending()
        #expect(pending.contains(OrgID(large)))
        #expect(!pending.contains(OrgID(small)))

        let refresh = try await statistics.refresh(org: OrgID(large))
        #expect(refresh.chunks == 4)
        #expect(refresh.lexemes == 1)
        pending = try await statistics.pending()
        #expect(!pending.contains(OrgID(large)))
        let stored = try await database.withOrg(OrgID(large)) { tx in
            try await tx.query("SELECT lexeme, chunks FROM term_statistics").collect().map { try $0.decode((String, Int32).self) }
        }
        #expect(stored.map(\.0) == ["hello"] && stored.map(\.1) == [4])

        // A cap of one would count "hello" as 1 and estimate it from a sample; the stored count
        // (4 at 4 chunks) is used instead, scaled to the size the caller gives.
        #expect(try await Self.frequencies(["hello", "absent"], org: large, cap: 1, sample: 1, corpus: 8, in: database) == [8, 0])
        // A lexeme new since the statistics were taken is counted.
        try await database.withOrg(OrgID(large)) { tx in try await Self.addChunk(tx, org: large, text: "fresh words") }
        #expect(try await Self.frequencies(["hello", "fresh"], org: large, cap: 100, sample: 10, corpus: 5, in: database) == [5, 1])
        // The other organisation's "hello" is still counted from its own rows.
        #expect(try await Self.frequencies(["hello"], org: small, cap: 100, sample: 10, corpus: 2, in: database) == [2])

        // Grown by more than a tenth since: pending again, and retaken.
        try await database.withOrg(OrgID(large)) { tx in try await tx.query("UPDATE search_profiles SET chunk_count = 5") }
        #expect(try await statistics.pending().contains(OrgID(large)))
        #expect(try await statistics.refresh(org: OrgID(large)).lexemes == 3)
        #expect(try await Self.frequencies(["hello", "fresh"], org: large, cap: 100, sample: 10, corpus: 5, in: database) == [4, 1])
    }
}
