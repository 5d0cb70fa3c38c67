import Foundation
import LoreCore
import PostgresNIO

/// A keyword query as the database runs it (see `LoreSearch.KeywordQuery`, which reads the user's text).
public struct KeywordSearchQuery: Sendable {
    /// Text whose lexemes score (excluded words removed); any of them may match.
    public var scoringText: String
    /// The user's search syntax (phrases, exclusions, OR), which every result must satisfy.
    public var constraint: String?
    /// Exact identifier tokens (PPR-9087, v2.3.1), which match and add to the score on their own.
    public var identifiers: [String]

    public init(scoringText: String, constraint: String?, identifiers: [String]) {
        self.scoringText = scoringText
        self.constraint = constraint
        self.identifiers = identifiers
    }
}

/// Okapi BM25 parameters and the bounds that keep keyword search cheap in large organisations.
public struct KeywordRanking: Sendable {
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// Score added per exactly matched identifier token.
    public var identifierWeight: Double = 8
    /// A term in at least this many chunks is "common": it still scores, but only rarer terms
    /// pick candidates. When every term is common, candidates must hold all of them. Counting
    /// stops here; a common term's frequency is estimated from `documentFrequencySample` rows.
    public var documentFrequencyCap: Int = 200
    public var documentFrequencySample: Int = 2_000
    /// At most this many candidate rows are scored.
    public var candidateCap: Int = 2_000
    /// Terms of a query that count (the first ones); the rest are ignored.
    public var maxQueryTerms: Int = 32

    public init() {}
}

extension TenantTransaction {
    /// Best keyword matches, ranked BM25-style inside the organisation: PostgreSQL full-text
    /// lexemes (with the organisation's text-search configuration) give document frequencies, so
    /// rare words weigh most and a document needs only some of the words — unlike `ts_rank_cd`,
    /// which has no IDF, over `websearch_to_tsquery`, which needs every word. A term's frequency
    /// in a chunk is saturated by `ts_rank` of that one term (1 for one occurrence, growing
    /// slowly), which costs a few microseconds per row where unnesting the tsvector cost 18.
    /// `corpusSize` is the organisation's chunk count (N in the IDF).
    ///
    /// Three short statements: the query's lexemes, their document frequencies, then candidates
    /// and scores, with every tsquery bound as a value. Frequencies and candidates come from
    /// `lore.keyword_document_frequencies` and `lore.keyword_matches` (migration 5), which use the
    /// GIN indexes that row-level security would keep this transaction's own `@@` from using.
    public func keywordChunks(_ keyword: KeywordSearchQuery, config: String, corpusSize: Int64, filters: SearchFilters, limit: Int,
                              ranking: KeywordRanking = KeywordRanking()) async throws -> [ChunkCandidate] {
        let terms = try await queryLexemes(keyword.scoringText, config: config, limit: ranking.maxQueryTerms)
        let frequencies = try await documentFrequencies(terms, corpusSize: corpusSize, ranking: ranking)
        let n = Double(max(corpusSize, 1))
        let idf = frequencies.map { df in log(1 + (max(n, df) - df + 0.5) / (df + 0.5)) }
        // Rarer terms pick candidates; when every term is common, candidates hold them all.
        let selective = zip(terms, frequencies).filter { $0.1 < Double(ranking.documentFrequencyCap) }.map(\.0)
        let candidateQuery = selective.isEmpty
            ? terms.map(Self.tsqueryLiteral).joined(separator: " & ")
            : selective.map(Self.tsqueryLiteral).joined(separator: " | ")
        guard !candidateQuery.isEmpty || !keyword.identifiers.isEmpty else { return [] }

        var sql = SQLBuilder()
        sql.raw("""
            WITH stats AS MATERIALIZED (
              SELECT t.term::tsquery AS q, t.idf FROM unnest(
            """)
        sql.bind(terms.map(Self.tsqueryLiteral), as: "text[]")
        sql.raw(", ")
        sql.bind(idf, as: "float8[]")
        sql.raw(") AS t(term, idf)\n), matched AS MATERIALIZED (\n  SELECT * FROM lore.keyword_matches(")
        if candidateQuery.isEmpty { sql.raw("NULL::tsquery") } else { sql.bind(candidateQuery, as: "tsquery") }
        sql.raw(", ")
        sql.bind(keyword.identifiers, as: "text[]")
        sql.raw(", ")
        if let constraint = keyword.constraint {
            sql.raw("websearch_to_tsquery(")
            sql.bind(config)
            sql.raw("::regconfig, ")
            sql.bind(constraint)
            sql.raw(")")
        } else {
            sql.raw("NULL::tsquery")
        }
        sql.raw(", ")
        sql.bind(ranking.candidateCap, as: "int")
        appendFilterArguments(&sql, filters)
        sql.raw(")")
        // Σ idf(t)·sat(tf) · (k1+1) / (1 + k1·(1 − b + b·len/avglen)): BM25's IDF and length
        // normalisation (lengths in lexemes, the average over the candidates: cheap, and close
        // enough for ranking them); sat(tf) = ts_rank of the term / ts_rank of one occurrence.
        sql.raw("""
            ), lengths AS (SELECT greatest(avg(length(content_tsv)), 1)::float8 AS avg_len FROM matched)
            SELECT m.id, m.created_at, coalesce((
                SELECT sum(s.idf * ts_rank(m.content_tsv, s.q, 0) / 0.0607927) FROM stats s WHERE m.content_tsv @@ s.q), 0) * 
            """)
        sql.bind(ranking.k1 + 1)
        sql.raw(" / (1 + ")
        sql.bind(ranking.k1)
        sql.raw(" * (1 - ")
        sql.bind(ranking.b)
        sql.raw(" + ")
        sql.bind(ranking.b)
        sql.raw(" * length(m.content_tsv) / l.avg_len)) + ")
        sql.bind(ranking.identifierWeight)
        sql.raw(" * cardinality(ARRAY(SELECT unnest(m.ident_tokens) INTERSECT SELECT unnest(")
        sql.bind(keyword.identifiers)
        sql.raw("::text[]))) AS score FROM matched m CROSS JOIN lengths l ORDER BY score DESC, m.id LIMIT ")
        sql.bind(limit)
        return try await rows(sql.query).map { row in
            let (id, created, score) = try row.decode((UUID, Date, Double).self)
            return ChunkCandidate(id: id, createdAt: created, score: score)
        }
    }

    /// The distinct lexemes of `text` under the text-search configuration, the first
    /// `maxQueryTerms` in the order they appear: each term costs a match per row of the
    /// organisation, so a 10,000-character query must not become a thousand of them.
    private func queryLexemes(_ text: String, config: String, limit: Int) async throws -> [String] {
        guard !text.isEmpty else { return [] }
        var sql = SQLBuilder()
        sql.raw("SELECT t.lexeme FROM unnest(to_tsvector(")
        sql.bind(config)
        sql.raw("::regconfig, ")
        sql.bind(text)
        sql.raw(")) t ORDER BY t.positions[1], t.lexeme LIMIT ")
        sql.bind(limit)
        return try await rows(sql.query).map { try $0.decode(String.self) }
    }

    /// How many of the organisation's chunks hold each lexeme: from its stored statistics
    /// (`TermStatistics`) when it is large, otherwise counted through the `(org_id, content_tsv)`
    /// GIN index up to the cap and estimated from a sample beyond it.
    private func documentFrequencies(_ lexemes: [String], corpusSize: Int64, ranking: KeywordRanking) async throws -> [Double] {
        guard !lexemes.isEmpty else { return [] }
        var sql = SQLBuilder()
        sql.raw("SELECT lore.keyword_document_frequencies(")
        sql.bind(lexemes.map(Self.tsqueryLiteral), as: "text[]::tsquery[]")
        sql.raw(", ")
        sql.bind(lexemes, as: "text[]")
        sql.raw(", ")
        sql.bind(ranking.documentFrequencyCap, as: "int")
        sql.raw(", ")
        sql.bind(ranking.documentFrequencySample, as: "int")
        sql.raw(", ")
        sql.bind(corpusSize)
        sql.raw(")")
        return try await rows(sql.query).first?.decode([Double].self) ?? []
    }

    /// The search filters as the arguments of `lore.keyword_matches` (which applies the same
    /// filters as `appendFilters`, inside the organisation it reads from the transaction).
    private func appendFilterArguments(_ sql: inout SQLBuilder, _ filters: SearchFilters) {
        for texts in [filters.kinds.map(\.rawValue), filters.sources.map(\.rawValue), filters.tags] {
            sql.raw(", ")
            sql.bind(texts, as: "text[]")
        }
        for date in [filters.from, filters.to] {
            sql.raw(", ")
            if let date { sql.bind(date, as: "timestamptz") } else { sql.raw("NULL::timestamptz") }
        }
        sql.raw(", ")
        sql.bind(filters.contentKinds.map(\.rawValue), as: "text[]")
        sql.raw(", ")
        sql.bind(filters.mediaIDs.map(\.uuid), as: "uuid[]")
        for texts in [filters.speakers, filters.languages] {
            sql.raw(", ")
            sql.bind(texts, as: "text[]")
        }
    }

    /// A lexeme as a tsquery operand, quoted so that it is taken as it is (no second normalisation).
    static func tsqueryLiteral(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
