import Foundation

/// A snapshot of the queue (one organisation's jobs, or all of them for operators).
public struct JobStats: Sendable, Equatable, Encodable {
    /// Live and dead jobs by priority, kind and status (finished jobs are not counted here).
    public var depth: [DepthEntry]
    /// Per kind: what is waiting and how fast it has been processed over the window.
    public var kinds: [KindLoad]
    public var deadCount: Int
    /// Seconds the oldest ready job has waited.
    public var oldestReadySeconds: Double?
    /// System-wide only.
    public var autoscaling: AutoscalingAdvice?
    public var generatedAt: Date

    public struct DepthEntry: Sendable, Equatable, Encodable {
        public var priority: JobPriority
        public var kind: String
        public var status: JobStatus
        public var count: Int

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(priority.rawValue, forKey: .priority)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(count, forKey: .count)
        }

        enum CodingKeys: String, CodingKey { case priority, kind, status, count }
    }

    enum CodingKeys: String, CodingKey {
        case depth, kinds, autoscaling
        case deadCount = "dead_count"
        case oldestReadySeconds = "oldest_ready_seconds"
        case generatedAt = "generated_at"
    }

    /// snake_case keys; absent values are written as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(depth, forKey: .depth)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(deadCount, forKey: .deadCount)
        try container.encode(oldestReadySeconds, forKey: .oldestReadySeconds)
        try container.encode(autoscaling, forKey: .autoscaling)
        try container.encode(generatedAt, forKey: .generatedAt)
    }
}
