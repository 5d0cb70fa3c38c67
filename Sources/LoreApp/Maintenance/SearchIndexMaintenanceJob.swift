import Foundation
import LoreCore
import LoreDatabase
import LoreJobs

/// Keeps vector search routed by organisation size: organisations past the threshold get their
/// dedicated partial HNSW indexes (built concurrently, switched to once valid), and dedicated
/// organisations get their index on partitions created since (a new month) and their HNSW
/// candidate list measured on their own vectors (again once their size doubled or halved); large
/// organisations' lexeme statistics (keyword search's document frequencies) are taken or
/// retaken once their size drifted. Idempotent.
public struct SearchIndexMaintenanceJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public var threshold: Int64
        public init(threshold: Int64 = SearchIndexManager.defaultThreshold) { self.threshold = threshold }
    }

    public static let kind: JobKind = "maintenance.search-indexes"
    // Building a large organisation's index takes minutes; it heartbeats while it runs.
    public static let policy = JobPolicy(maxAttempts: 3, timeout: .seconds(6 * 3600), lease: .seconds(120), priority: .maintenance)

    public init() {}

    public func run(_ payload: Payload, context: JobContext) async throws {
        guard payload.threshold >= 1 else { throw JobError.permanent("threshold must be at least one chunk") }
        let summary = try await SearchIndexManager(database: context.database, dedicatedThreshold: payload.threshold)
            .maintain(beforeEach: { try await context.heartbeat() })
        context.logger.info("search indexes maintained", metadata: [
            "switched": "\(summary.switched)", "built": "\(summary.indexesBuilt)", "ef_search_measured": "\(summary.efSearchMeasured)",
            "term_statistics": "\(summary.termStatistics)",
        ])
        try await context.completeAsService { _ in }
    }
}
