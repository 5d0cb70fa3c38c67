import LoreCore

/// The job kinds a process knows, each with its handler and policy. Built once at start-up,
/// then shared read-only by the queue (validation) and the workers (dispatch).
public struct JobRegistry: Sendable {
    struct Entry: Sendable {
        let kind: JobKind
        let policy: JobPolicy
        /// Throws `invalid_job_payload` unless the JSON decodes as the handler's payload.
        let validate: @Sendable (String) throws -> Void
        /// Decodes the payload and runs the handler.
        let run: @Sendable (String, JobContext) async throws -> Void
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers `handler` under its kind. Registering one kind twice is a programming error.
    public mutating func register<H: JobHandler>(_ handler: H) {
        let kind = H.kind
        precondition(entries[kind.rawValue] == nil, "job kind \(kind) registered twice")
        entries[kind.rawValue] = Entry(
            kind: kind, policy: H.policy,
            validate: { json in _ = try JobPayloadCoding.decode(H.Payload.self, from: json) },
            run: { json, context in
                let payload = try JobPayloadCoding.decode(H.Payload.self, from: json)
                try await handler.run(payload, context: context)
            })
    }

    /// This registry plus every kind of `other` (which must not overlap).
    public func merging(_ other: JobRegistry) -> JobRegistry {
        var merged = self
        for (kind, entry) in other.entries {
            precondition(merged.entries[kind] == nil, "job kind \(kind) registered twice")
            merged.entries[kind] = entry
        }
        return merged
    }

    /// Every registered kind, sorted.
    public var kinds: [JobKind] { entries.values.map(\.kind).sorted { $0.rawValue < $1.rawValue } }

    public func contains(_ kind: JobKind) -> Bool { entries[kind.rawValue] != nil }

    /// The policy of a registered kind.
    public func policy(for kind: String) -> JobPolicy? { entries[kind]?.policy }

    func entry(_ kind: String) -> Entry? { entries[kind] }

    /// The entry of `kind`, or `unknown_job_kind`.
    func require(_ kind: String) throws -> Entry {
        guard let entry = entries[kind] else {
            throw LoreError(.unknownJobKind, "no job kind \"\(kind.prefix(64))\" is registered; known kinds: \(kinds.map(\.rawValue).joined(separator: ", "))")
        }
        return entry
    }
}
