import Foundation
import LoreCore
import LoreDatabase

/// Enqueues jobs outside a caller's transaction: for an organisation (its own transaction,
/// tenant-scoped) or as system jobs (`org: nil`, service role, invisible to organisations).
/// Only kinds registered in `registry` are accepted.
public struct JobQueue: Sendable {
    public let database: Database
    public let registry: JobRegistry

    public init(database: Database, registry: JobRegistry) {
        self.database = database
        self.registry = registry
    }

    /// Enqueues a typed job; nil when `uniqueKey` already names a live job.
    @discardableResult
    public func enqueue<H: JobHandler>(_ handler: H.Type, _ payload: H.Payload, org: OrgID?, priority: JobPriority? = nil,
                                       delay: Duration = .zero, uniqueKey: String? = nil) async throws -> JobID? {
        _ = try registry.require(H.kind.rawValue)
        return try await insert(try JobRequest.typed(handler, payload, org: org, priority: priority, delay: delay, uniqueKey: uniqueKey))
    }

    /// Enqueues a job by kind name with a JSON payload (operators, scripts): the kind must be
    /// registered and the payload must decode as that kind's payload. Priority defaults to the
    /// kind's policy.
    @discardableResult
    public func enqueue(kind name: String, payloadJSON: String, org: OrgID?, priority: Int? = nil,
                        delay: Duration = .zero, uniqueKey: String? = nil) async throws -> JobID? {
        let kind = try JobKind(validating: name)
        let entry = try registry.require(kind.rawValue)
        try JobPayloadCoding.checkSize(payloadJSON.utf8.count)
        try entry.validate(payloadJSON)
        let resolvedPriority = try priority.map(JobPriority.init(validating:)) ?? entry.policy.priority
        return try await insert(try JobRequest(org: org, kind: kind, payloadJSON: payloadJSON, priority: resolvedPriority,
                                               delay: delay, policy: entry.policy, uniqueKey: uniqueKey))
    }

    /// Enqueues many jobs of one kind for one organisation in a single statement, keeping their
    /// order; the organisation's fair share is unchanged by batching.
    @discardableResult
    public func enqueueBatch<H: JobHandler>(_ handler: H.Type, _ payloads: [H.Payload], org: OrgID?,
                                            priority: JobPriority? = nil) async throws -> [JobID] {
        _ = try registry.require(H.kind.rawValue)
        guard !payloads.isEmpty else { return [] }
        let batch = try JobBatchRequest.typed(handler, payloads, org: org, priority: priority)
        if let org {
            _ = try await database.withOrg(org) { tx in try await tx.query(batch.insertQuery) }
        } else {
            _ = try await database.withService { tx in try await tx.query(batch.insertQuery) }
        }
        return batch.ids
    }

    func insert(_ request: JobRequest) async throws -> JobID? {
        if let org = request.org {
            return try await database.withOrg(org) { tx in try await tx.insert(request) }
        }
        return try await database.withService { tx in try await tx.insert(request) }
    }
}
