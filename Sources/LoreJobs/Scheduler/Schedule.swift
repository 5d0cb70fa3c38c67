import LoreCore

/// A job enqueued on a timetable as a system job (no organisation), e.g. creating next
/// month's partitions every night. Work per organisation fans out from the scheduled job.
public struct Schedule: Sendable {
    /// Stable name; the scheduler's state is kept under it.
    public let name: String
    public let expression: CronExpression
    let request: @Sendable (_ uniqueKey: String) throws -> JobRequest
    public let kind: JobKind

    /// A schedule that enqueues `handler` with `payload`.
    public init<H: JobHandler>(name: String, cron: String, _ handler: H.Type, payload: H.Payload, priority: JobPriority? = nil) throws {
        guard JobKind.isValid(name) else {
            throw LoreError(.invalidSchedule, "a schedule name is a lower-case letter followed by up to 63 of a-z, 0-9, _, . or -")
        }
        let payloadJSON = try JobPayloadCoding.encode(payload)
        self.name = name
        self.kind = H.kind
        self.expression = try CronExpression(cron)
        self.request = { uniqueKey in
            try JobRequest(org: nil, kind: H.kind, payloadJSON: payloadJSON, priority: priority ?? H.policy.priority,
                           delay: .zero, policy: H.policy, uniqueKey: uniqueKey)
        }
    }
}
