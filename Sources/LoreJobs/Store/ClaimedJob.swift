import Foundation
import LoreCore

/// A job a worker has claimed: the lease token proves ownership of this attempt.
struct ClaimedJob: Sendable {
    var id: JobID
    var org: OrgID?
    var kind: String
    var payloadJSON: String
    var priority: JobPriority
    var attempt: Int
    var maxAttempts: Int
    var leaseToken: UUID
    var leaseSeconds: Int
    var createdAt: Date
    /// How long the job was ready before this claim (enqueue or retry time to start).
    var waitedSeconds: Double
}

/// The proof of one attempt's ownership that every update of a running job must present.
struct LeaseKey: Sendable, Hashable {
    var id: JobID
    var token: UUID
}
