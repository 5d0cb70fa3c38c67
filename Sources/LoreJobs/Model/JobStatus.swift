import LoreCore

/// Where a job is in its life. `succeeded`, `dead` and `cancelled` are terminal.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for a worker (possibly until `run_after`).
    case pending
    /// Leased by a worker that renews the lease while the handler runs.
    case running
    case succeeded
    /// An attempt failed; the next one is scheduled at `run_after` (backoff).
    case failed
    /// Out of attempts or failed permanently; keeps its payload and errors and can be replayed.
    case dead
    case cancelled

    public var isTerminal: Bool { self == .succeeded || self == .dead || self == .cancelled }

    /// Parses a status name from outside (API filters, CLI).
    public init(parsing text: String) throws {
        guard let status = JobStatus(rawValue: text) else {
            throw LoreError(.invalidArgument, "status must be one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = status
    }
}
