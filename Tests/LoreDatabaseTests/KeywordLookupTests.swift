import Foundation
import PostgresNIO
import Testing
import LoreCore
import LoreTestSupport
@testable import LoreDatabase

/// Document frequencies past the counting cap are estimated from a sample of the organisation's
/// rows, scaled to its size and never below the cap.
@Suite struct KeywordLookupTests {
    @Test func frequenciesPastTheCapAreEstimatedFromASample() async throws {
        let database = try await TestDatabase.shared.database()
        let org = UUID()
        try await database.withOrg(OrgID(org)) { tx in
            _ = try await tx.query(TenantFixtures.inserts["organizations"]!.insert(org, org, org))
            for _ in 0..<5 {
                let media = UUID()
                _ = try await tx.query(TenantFixtures.inserts["media"]!.insert(org, media, media))
                _ = try await tx.query(TenantFixtures.inserts["chunks"]!.insert(org, UUID(), media))
            }
        }
        func frequencies(cap: Int, sample: Int, corpus: Int) async throws -> [Double]? {
            try await database.withOrg(OrgID(org)) { tx in
                try await tx.query("""
                    SELECT lore.keyword_document_frequencies(ARRAY['hello', 'absent']::tsquery[], \(cap)::int, \(sample)::int, \(corpus)::int8)
                    """).collect().first?.decode([Double].self)
            }
        }
        // Under the cap: exact counts.
        #expect(try await frequencies(cap: 100, sample: 10, corpus: 5) == [5, 0])
        // At the cap: every sampled row holds "hello", so all 1,000 chunks the caller says the
        // organisation has are estimated to hold it; "absent" stays exact.
        #expect(try await frequencies(cap: 2, sample: 10, corpus: 1_000) == [1_000, 0])
        // An estimate below the cap is raised to it.
        #expect(try await frequencies(cap: 2, sample: 10, corpus: 1) == [2, 0])
    }
}
