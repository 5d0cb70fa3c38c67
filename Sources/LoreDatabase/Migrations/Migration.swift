import Crypto
import Foundation

/// One versioned schema change. Applied migrations are recorded with their checksum; changing
/// the text of an applied migration is an error, never a silent re-run.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// sha256 of the SQL text, hex.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Every migration, in order. Append only.
    public static let all: [Migration] = [
        .foundation,
        .jobs,
        .pipeline,
        .search,
        .keywordLookups,
        .vectorStorage,
        .termStatistics,
        .chunkHashPartitions,
        .searchProfileEfSearch,
        .documentFrequenciesInOneStatement,
        .exactNearestChunks,
        .chunkDetails,
    ]
}
