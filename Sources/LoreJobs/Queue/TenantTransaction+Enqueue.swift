import Foundation
import LoreCore
import LoreDatabase

extension TenantTransaction {
    /// Enqueues a job for this transaction's organisation as part of the transaction: if the
    /// transaction rolls back, the job never existed and never runs; idle workers are woken
    /// when it commits.
    ///
    /// Validates the payload size (≤ 256 KiB), the delay (not negative) and the unique key;
    /// the kind comes from the handler type. Returns nil when `uniqueKey` already names a live
    /// (pending, running or failed-and-retrying) job of this kind in this organisation.
    @discardableResult
    public func enqueue<H: JobHandler>(_ handler: H.Type, _ payload: H.Payload, priority: JobPriority? = nil,
                                       delay: Duration = .zero, uniqueKey: String? = nil) async throws -> JobID? {
        let request = try JobRequest.typed(handler, payload, org: org, priority: priority, delay: delay, uniqueKey: uniqueKey)
        return try await insert(request)
    }

    func insert(_ request: JobRequest) async throws -> JobID? {
        for try await id in try await query(request.insertQuery).decode(UUID.self) {
            return JobID(id)
        }
        return nil
    }
}

extension ServiceTransaction {
    func insert(_ request: JobRequest) async throws -> JobID? {
        for try await id in try await query(request.insertQuery).decode(UUID.self) {
            return JobID(id)
        }
        return nil
    }
}
