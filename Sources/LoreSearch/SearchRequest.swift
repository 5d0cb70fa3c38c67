import Foundation
import LoreCore

public enum SearchMode: String, Sendable, Codable, CaseIterable {
    case vector, keyword, hybrid
}

public extension ErrorCode {
    static let invalidQuery = ErrorCode("invalid_query", .invalidInput)
    static let queryTooLong = ErrorCode("query_too_long", .invalidInput)
    static let noEmbedder = ErrorCode("embedding_model_unavailable", .unavailable)
}

/// One search as a client asks for it.
public struct SearchRequest: Sendable, Equatable {
    public var query: String
    public var mode: SearchMode
    public var filters: SearchFilters
    public var limit: Int
    public var cursor: String?
    /// Collapse hits per media item (best chunk first, a few more beside it).
    public var groupByMedia: Bool
    /// Apply the configured re-ranker to the top results.
    public var rerank: Bool

    public static let maxQueryLength = 4_000
    public static let limits = 1...100

    public init(query: String, mode: SearchMode = .hybrid, filters: SearchFilters = SearchFilters(), limit: Int = 10,
                cursor: String? = nil, groupByMedia: Bool = false, rerank: Bool = false) {
        self.query = query
        self.mode = mode
        self.filters = filters
        self.limit = limit
        self.cursor = cursor
        self.groupByMedia = groupByMedia
        self.rerank = rerank
    }

    /// The query with control characters removed and whitespace collapsed; throws on empty or
    /// oversized queries and out-of-range limits.
    public func normalisedQuery() throws -> String {
        guard Self.limits.contains(limit) else {
            throw LoreError(.invalidArgument, "limit must be between \(Self.limits.lowerBound) and \(Self.limits.upperBound)")
        }
        guard query.count <= Self.maxQueryLength else {
            throw LoreError(.queryTooLong, "a query has at most \(Self.maxQueryLength) characters")
        }
        let cleaned = String(String.UnicodeScalarView(query.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? " " : $0
        }))
        let collapsed = cleaned.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !collapsed.isEmpty else { throw LoreError(.invalidQuery, "the query is empty") }
        return collapsed
    }
}
