import Foundation
import LoreCore
import LoreDatabase

/// Creates the monthly partitions of the partitioned tables ahead of time, so inserts never
/// wait for a partition to be created.
public struct PartitionMaintenanceJob: JobHandler {
    public struct Payload: Codable, Sendable {
        /// Months after the current one to prepare.
        public var monthsAhead: Int
        public init(monthsAhead: Int = 2) { self.monthsAhead = monthsAhead }
    }

    public static let kind: JobKind = "maintenance.partitions"
    public static let policy = JobPolicy(maxAttempts: 5, timeout: .seconds(300), priority: .maintenance)

    public init() {}

    public func run(_ payload: Payload, context: JobContext) async throws {
        guard (0...24).contains(payload.monthsAhead) else {
            throw JobError.permanent("monthsAhead must be between 0 and 24")
        }
        try await context.completeAsService { tx in
            for table in PartitionedTable.allCases {
                for month in 0...payload.monthsAhead {
                    try await tx.query("SELECT lore.ensure_month_partition(\(table.rawValue), now() + \(month) * interval '1 month')")
                }
            }
        }
    }
}

/// Deletes finished jobs past their retention (the queue's cleanup).
public struct PruneJobsJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public var finishedRetentionSeconds: Int
        public var deadRetentionSeconds: Int
        public init(finishedRetentionSeconds: Int = 7 * 86_400, deadRetentionSeconds: Int = 30 * 86_400) {
            self.finishedRetentionSeconds = finishedRetentionSeconds
            self.deadRetentionSeconds = deadRetentionSeconds
        }
    }

    public static let kind: JobKind = "maintenance.prune-jobs"
    public static let policy = JobPolicy(maxAttempts: 3, timeout: .seconds(600), priority: .maintenance)

    public init() {}

    public func run(_ payload: Payload, context: JobContext) async throws {
        guard payload.finishedRetentionSeconds >= 60, payload.deadRetentionSeconds >= 60 else {
            throw JobError.permanent("retention periods must be at least a minute")
        }
        let pruner = JobPruner(database: context.database, finishedRetention: .seconds(payload.finishedRetentionSeconds),
                               deadRetention: .seconds(payload.deadRetentionSeconds))
        let deleted = try await pruner.prune()
        context.logger.info("pruned finished jobs", metadata: ["deleted": "\(deleted)"])
    }
}

extension JobRegistry {
    /// The queue's own maintenance kinds.
    public static func maintenance() -> JobRegistry {
        var registry = JobRegistry()
        registry.register(PartitionMaintenanceJob())
        registry.register(PruneJobsJob())
        return registry
    }
}

extension Schedule {
    /// The queue's own timetable: partitions nightly, pruning every quarter hour.
    public static func maintenance() -> [Schedule] {
        // Both expressions and payloads are constants checked by the tests.
        [
            try! Schedule(name: "partitions", cron: "17 3 * * *", PartitionMaintenanceJob.self, payload: .init(monthsAhead: 2)),
            try! Schedule(name: "prune-jobs", cron: "*/15 * * * *", PruneJobsJob.self, payload: .init()),
        ]
    }
}
