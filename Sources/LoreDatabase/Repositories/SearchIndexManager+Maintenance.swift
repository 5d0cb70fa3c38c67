import Foundation
import LoreCore

/// One pass of everything vector and keyword search keep per organisation, in the order each
/// part needs the one before: dedicated indexes (new organisations past the threshold, and the
/// partitions of a new month for those already dedicated), then the measured `ef_search` of
/// organisations whose indexes are new or whose size doubled or halved (it runs against those
/// indexes), then term statistics. The maintenance job and `lore bench scale` both run it.
extension SearchIndexManager {
    public enum MaintenanceStep: Sendable {
        case indexes(Report, number: Int, of: Int)
        case efSearch(Tuning, number: Int, of: Int)
    }

    public struct MaintenanceSummary: Sendable {
        /// Organisations (and models) moved from exact scans to dedicated indexes.
        public var switched = 0
        public var indexesBuilt = 0
        public var indexSeconds = 0.0
        public var efSearchMeasured = 0
        public var efSearchSeconds = 0.0
        public var termStatistics = 0
        public var termStatisticsSeconds = 0.0
    }

    /// - Parameters:
    ///   - beforeEach: runs before every unit of work (a job's heartbeat).
    ///   - afterEach: runs after each index build and measurement (progress output).
    @discardableResult
    public func maintain(beforeEach: () async throws -> Void = {}, afterEach: (MaintenanceStep) -> Void = { _ in }) async throws -> MaintenanceSummary {
        var summary = MaintenanceSummary()
        var started = ContinuousClock.now
        let pending = try await pendingRoutes()
        let work = try await pending + dedicatedProfilesMissingIndexes()
        summary.switched = pending.count
        for (number, item) in work.enumerated() {
            try await beforeEach()
            let report = try await buildDedicatedIndexes(org: item.org, model: item.model, strategy: item.strategy)
            summary.indexesBuilt += report.built.count
            afterEach(.indexes(report, number: number + 1, of: work.count))
        }
        summary.indexSeconds = (ContinuousClock.now - started).seconds

        started = ContinuousClock.now
        let tuning = try await pendingTuning()
        for (number, item) in tuning.enumerated() {
            try await beforeEach()
            let tuned = try await tuneEfSearch(org: item.org, model: item.model, strategy: item.strategy)
            afterEach(.efSearch(tuned, number: number + 1, of: tuning.count))
        }
        summary.efSearchMeasured = tuning.count
        summary.efSearchSeconds = (ContinuousClock.now - started).seconds

        started = ContinuousClock.now
        summary.termStatistics = try await TermStatistics(database: database, threshold: dedicatedThreshold).refreshPending(beforeEach: beforeEach)
        summary.termStatisticsSeconds = (ContinuousClock.now - started).seconds
        return summary
    }
}
