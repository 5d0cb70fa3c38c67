import Foundation
import LoreCore

/// A job as stored, for operators and the API.
public struct JobRecord: Sendable, Equatable {
    public var id: JobID
    /// Nil for system jobs (scheduled maintenance), which no organisation sees.
    public var org: OrgID?
    public var kind: JobKind
    /// The payload as JSON text.
    public var payloadJSON: String
    public var priority: JobPriority
    public var status: JobStatus
    public var attempt: Int
    public var maxAttempts: Int
    public var runAfter: Date
    public var uniqueKey: String?
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
    /// Every failed attempt and operator action, oldest first.
    public var errors: [JobErrorEntry]
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

/// One entry of a job's error history.
public struct JobErrorEntry: Sendable, Equatable, Codable {
    public var attempt: Int
    public var at: Date
    /// A stable error code (`lease_expired`, `timeout`, a `LoreError` code, …) or an event
    /// (`replayed`, `cancelled`, `released`).
    public var code: String
    public var message: String
    public var worker: String?

    public init(attempt: Int, at: Date, code: String, message: String, worker: String?) {
        self.attempt = attempt
        self.at = at
        self.code = code
        self.message = message
        self.worker = worker
    }
}
