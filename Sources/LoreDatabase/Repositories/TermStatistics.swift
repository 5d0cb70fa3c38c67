import Foundation
import LoreCore
import PostgresNIO

/// Document frequencies of every lexeme of a large organisation, for keyword search's IDF
/// (migration 7). Counting a common term at query time costs a bitmap of every chunk holding
/// it; a stored count is one primary-key look-up. Taken with `ts_stat` over the organisation's
/// chunks, retaken once its size has drifted by more than `drift` since.
public struct TermStatistics: Sendable {
    let database: Database
    /// Organisations with at least this many chunks get statistics (smaller ones count cheaply).
    public let threshold: Int64
    /// Retaken when the chunk count moved by more than this share of the count they were taken at.
    public let drift: Double

    public init(database: Database, threshold: Int64 = SearchIndexManager.defaultThreshold, drift: Double = 0.1) {
        self.database = database
        self.threshold = threshold
        self.drift = drift
    }

    public struct Refresh: Sendable {
        public var chunks: Int64
        public var lexemes: Int
        public var seconds: Double
    }

    /// Organisations whose statistics are missing (at or over the threshold) or out of date.
    public func pending() async throws -> [OrgID] {
        try await database.withService { tx in
            let rows = try await tx.query("""
                SELECT p.org_id FROM (SELECT org_id, sum(chunk_count) AS n FROM lore.search_profiles GROUP BY org_id) p
                  LEFT JOIN lore.term_statistics_state s ON s.org_id = p.org_id
                 WHERE (s.org_id IS NULL AND p.n >= \(threshold))
                    OR (s.org_id IS NOT NULL AND abs(p.n - s.chunk_count) > s.chunk_count * \(drift))
                 ORDER BY p.n DESC
                """)
            var orgs: [OrgID] = []
            for try await org in rows.decode(UUID.self) { orgs.append(OrgID(org)) }
            return orgs
        }
    }

    /// Takes the statistics of every organisation that needs them (`pending()`), calling
    /// `beforeEach` first (a job's heartbeat); returns how many were taken.
    @discardableResult
    public func refreshPending(beforeEach: () async throws -> Void = {}) async throws -> Int {
        let organisations = try await pending()
        for org in organisations {
            try await beforeEach()
            try await refresh(org: org)
        }
        return organisations.count
    }

    /// Replaces the organisation's statistics with counts over its chunks now, in one transaction.
    @discardableResult
    public func refresh(org: OrgID) async throws -> Refresh {
        let started = ContinuousClock.now
        let (chunks, lexemes) = try await database.withService { tx -> (Int64, Int) in
            // The size the search side passes as the corpus (the same counters), so that growth
            // since is a plain ratio.
            let chunks = try await tx.query("""
                SELECT coalesce(sum(chunk_count), 0)::int8 FROM lore.search_profiles WHERE org_id = \(org.uuid)
                """).collect().first?.decode(Int64.self) ?? 0
            try await tx.query("DELETE FROM lore.term_statistics WHERE org_id = \(org.uuid)")
            // ts_stat runs the statement it is given; the organisation is formatted into it by the server.
            let lexemes = try await tx.query("""
                WITH inserted AS (
                  INSERT INTO lore.term_statistics (org_id, lexeme, chunks)
                  SELECT \(org.uuid), word, ndoc FROM ts_stat(format('SELECT content_tsv FROM lore.chunks WHERE org_id = %L', \(org.uuid)::text))
                  RETURNING 1)
                SELECT count(*)::int8 FROM inserted
                """).collect().first?.decode(Int64.self) ?? 0
            try await tx.query("""
                INSERT INTO lore.term_statistics_state (org_id, chunk_count, lexemes) VALUES (\(org.uuid), \(chunks), \(Int32(clamping: lexemes)))
                ON CONFLICT (org_id) DO UPDATE SET chunk_count = EXCLUDED.chunk_count, lexemes = EXCLUDED.lexemes, refreshed_at = now()
                """)
            return (chunks, Int(lexemes))
        }
        return Refresh(chunks: chunks, lexemes: lexemes, seconds: (ContinuousClock.now - started).seconds)
    }
}
