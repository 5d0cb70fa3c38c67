import Synchronization

/// The waits this process is in right now that can take long — database transactions (and
/// waiting for their connection), external programs — each with where it was started, so that
/// a process that stopped making progress can say what it is waiting for (`longerThan`).
/// Costs two short locks per wait.
public enum InFlightWaits {
    public struct Wait: Sendable {
        public var label: String
        public var phase: String
        public var since: ContinuousClock.Instant
    }

    private static let state = Mutex<(next: Int, waits: [Int: Wait])>((0, [:]))

    /// Runs `body` as a wait named `label`; `body` may name its current phase (for example
    /// "waiting for a connection", then "in transaction") through the handle it gets.
    public static func track<T>(_ label: @autoclosure () -> String, phase: String,
                                _ body: (Handle) async throws -> T) async throws -> T {
        let wait = Wait(label: label(), phase: phase, since: .now)
        let id = state.withLock { state in
            state.next += 1
            state.waits[state.next] = wait
            return state.next
        }
        defer { _ = state.withLock { $0.waits.removeValue(forKey: id) } }
        return try await body(Handle(id: id))
    }

    public struct Handle: Sendable {
        let id: Int
        public func phase(_ phase: String) {
            InFlightWaits.state.withLock { $0.waits[id]?.phase = phase }
        }
    }

    /// Waits older than `age`, oldest first, each with its number (unique in this process) and
    /// a description: "label (phase) for N s".
    public static func longerThan(_ age: Duration) -> [(id: Int, description: String)] {
        let now = ContinuousClock.now
        return state.withLock { Array($0.waits) }
            .filter { now - $0.value.since >= age }
            .sorted { $0.value.since < $1.value.since }
            .map { ($0.key, "\($0.value.label) (\($0.value.phase)) for \(Int((now - $0.value.since).components.seconds)) s") }
    }
}
