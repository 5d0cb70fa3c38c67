import LoreCore

/// How urgent a job is: workers always claim a more urgent job first (0 is most urgent).
public enum JobPriority: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// User-visible work someone is waiting for right now.
    case critical = 0
    case high = 1
    case normal = 2
    case low = 3
    /// Housekeeping: runs when nothing else is waiting.
    case maintenance = 4

    /// Validates a number from outside (API, CLI); throws `invalid_job_priority`.
    public init(validating value: Int) throws {
        guard let priority = JobPriority(rawValue: value) else {
            throw LoreError(.invalidJobPriority, "priority must be between 0 (critical) and 4 (maintenance), got \(value)")
        }
        self = priority
    }

    /// Parses a number or a name (`critical`, `high`, `normal`, `low`, `maintenance`).
    public init(parsing text: String) throws {
        if let number = Int(text) {
            try self.init(validating: number)
        } else if let named = JobPriority.allCases.first(where: { $0.name == text.lowercased() }) {
            self = named
        } else {
            throw LoreError(.invalidJobPriority, "priority must be 0–4 or one of critical, high, normal, low, maintenance")
        }
    }

    public var name: String {
        switch self {
        case .critical: return "critical"
        case .high: return "high"
        case .normal: return "normal"
        case .low: return "low"
        case .maintenance: return "maintenance"
        }
    }

    public var description: String { name }

    public static func < (lhs: JobPriority, rhs: JobPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
