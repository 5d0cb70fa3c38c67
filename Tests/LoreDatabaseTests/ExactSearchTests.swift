import Foundation
import LoreCore
import LoreTestSupport
import PostgresNIO
import Testing
@testable import LoreDatabase

/// An unfiltered exact vector search runs in `lore.exact_nearest_chunks` (one generic plan for
/// every organisation); it must find what the filtered statement finds, stay inside the
/// transaction's organisation, and refuse to run without one.
@Suite struct ExactSearchTests {
    @Test func theFunctionFindsWhatTheStatementFindsInsideTheOrganisationOnly() async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let (org, other) = (try await database.makeOrg(), try await database.makeOrg())
            try await DedicatedSearchPlanTests.insertChunks(database, org: org.id, count: 30, offset: 0)
            // The other organisation holds the exact copies of the query vectors.
            try await DedicatedSearchPlanTests.insertChunks(database, org: other.id, count: 30, offset: 100)
            var everything = SearchFilters()
            everything.contentKinds = [.document]  // every chunk: sends the search down the filtered statement
            for round in 0..<8 {
                // Alternately each organisation, with a query nearest to the other's vectors.
                let tenant: OrgID = round % 2 == 0 ? org.id : other.id
                let query = DedicatedSearchPlanTests.vector(round % 2 == 0 ? 100 + round : round)
                let (function, statement, own): ([ChunkCandidate], [ChunkCandidate], Set<UUID>) = try await database.withOrg(tenant) { tx in
                    let function = try await tx.nearestChunks(model: DedicatedSearchPlanTests.model, strategy: .lightweight, vector: query,
                                                             route: .exact, filters: SearchFilters(), limit: 7)
                    let statement = try await tx.nearestChunks(model: DedicatedSearchPlanTests.model, strategy: .lightweight, vector: query,
                                                              route: .exact, filters: everything, limit: 7)
                    let own = try await tx.query("SELECT id FROM chunks").decode(UUID.self).reduce(into: Set<UUID>()) { $0.insert($1) }
                    return (function, statement, own)
                }
                #expect(function.count == 7 && function.allSatisfy { own.contains($0.id) }, "round \(round)")
                #expect(function.map(\.id) == statement.map(\.id), "round \(round)")
                #expect(zip(function, statement).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "round \(round)")
                #expect(function.map(\.score) == function.map(\.score).sorted(), "round \(round)")
            }
            // The service role bypasses row-level security, so the function's own check refuses.
            let text = VectorText.encode(DedicatedSearchPlanTests.vector(1))
            let refusal = await Self.sqlState {
                try await database.withService { tx in
                    _ = try await tx.query("SELECT * FROM lore.exact_nearest_chunks('m', 'lightweight', \(text), 5)").collect()
                }
            }
            #expect(refusal == "42501")
            let unknown = await Self.sqlState {
                try await database.withOrg(org.id) { tx in
                    _ = try await tx.query("SELECT * FROM lore.exact_nearest_chunks('m', 'tiny', \(text), 5)").collect()
                }
            }
            #expect(unknown == "22023")
        }
    }

    /// The remote strategies' columns (1536-d `vector`, 3072-d `halfvec`) are read by the same
    /// statement: each strategy finds its own model's chunks, as the filtered statement does.
    @Test(arguments: [EmbeddingStrategy.standard, .highQuality])
    func everyStrategyReadsItsOwnColumn(strategy: EmbeddingStrategy) async throws {
        try await TestCluster.withNewDatabase(poolSize: 1) { database in
            let org = try await database.makeOrg()
            // The lightweight chunks of another model must not come back.
            try await DedicatedSearchPlanTests.insertChunks(database, org: org.id, count: 10, offset: 0)
            let column = VectorText.column(strategy)
            let media = UUID()
            try await database.withOrg(org.id) { tx in
                try await tx.query("INSERT INTO media (org_id, id, title, size_bytes, sha256, blob_key) VALUES (\(org.id.uuid), \(media), 't', 1, sha256('y'::bytea), 'b')")
                for index in 0..<12 {
                    try await tx.query(PostgresQuery(unsafeSQL: """
                        INSERT INTO chunks (org_id, id, media_id, chunk_index, content, content_kind, embedding_model, embedding_strategy, \(column.name))
                        VALUES ('\(org.id.uuid)', '\(UUID())', '\(media)', \(index), 'wide', 'document', 'wide', '\(strategy.rawValue)',
                                '\(VectorText.encode(DedicatedSearchPlanTests.vector(index, dimensions: strategy.dimensions)))'::\(column.type))
                        """))
                }
            }
            var everything = SearchFilters()
            everything.contentKinds = [.document]
            let query = DedicatedSearchPlanTests.vector(5, dimensions: strategy.dimensions)
            let (function, statement) = try await database.withOrg(org.id) { tx in
                (try await tx.nearestChunks(model: "wide", strategy: strategy, vector: query, route: .exact, filters: SearchFilters(), limit: 20),
                 try await tx.nearestChunks(model: "wide", strategy: strategy, vector: query, route: .exact, filters: everything, limit: 20))
            }
            #expect(function.count == 12, "\(strategy.rawValue): \(function.count)")
            #expect(function.map(\.id) == statement.map(\.id), "\(strategy.rawValue)")
            #expect(function.first.map { $0.score < 1e-3 } == true, "\(strategy.rawValue): the query's own copy comes first")
        }
    }

    /// The SQLSTATE `body` fails with (nil when it does not).
    static func sqlState(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as LoreError {
            return error.details["sqlstate"]
        } catch {
            return "\(error)"
        }
    }
}
