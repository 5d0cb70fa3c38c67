import Foundation
import LoreCore
import PostgresNIO

/// One entry of the audit trail.
public struct AuditEntry: Sendable {
    public var actor: String
    public var action: String
    public var targetType: String?
    public var targetID: String?
    public var requestID: String?
    public var details: [String: String]

    public init(actor: String, action: String, targetType: String? = nil, targetID: String? = nil,
                requestID: String? = nil, details: [String: String] = [:]) {
        self.actor = actor
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.requestID = requestID
        self.details = details
    }
}

extension TenantTransaction {
    /// Records who did what, in the same transaction as the change itself.
    public func audit(_ entry: AuditEntry, at date: Date = Date()) async throws {
        try await ensurePartition(.auditLog, for: date)
        try await query("""
            INSERT INTO audit_log (org_id, id, created_at, actor, action, target_type, target_id, request_id, details)
            VALUES (\(org.uuid), \(UUID()), \(date), \(entry.actor), \(entry.action), \(entry.targetType), \(entry.targetID),
                    \(entry.requestID), \(JSONColumn.encode(entry.details))::jsonb)
            """)
    }
}
