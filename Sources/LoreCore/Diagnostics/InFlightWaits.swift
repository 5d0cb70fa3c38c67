import Synchronization

/// The waits this process is in right now that can take long — database transactions (and
/// waiting for their connection), external programs, job attempts — each with where it was
/// started, so that a process that stopped making progress can say what it is waiting for
/// (`longerThan`). Costs three short locks per wait and, on the transaction path, no string
/// building: the origin and phases are literals, put together only when reported.
public enum InFlightWaits {
    struct Wait: Sendable {
        var origin: String
        var line: Int?
        var phase: String
        var since: ContinuousClock.Instant
    }

    private static let state = Mutex<(next: Int, waits: [Int: Wait])>((0, [:]))

    /// Runs `body` as a wait started at `origin` (a name, or a source file with its `line`);
    /// `body` may name its current phase (for example "withOrg: waiting for a connection",
    /// then "withOrg: in transaction") through the handle it gets.
    public static func track<T>(_ origin: String, line: Int? = nil, phase: String,
                                _ body: (Handle) async throws -> T) async rethrows -> T {
        let wait = Wait(origin: origin, line: line, phase: phase, since: .now)
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
    /// a description: "origin[:line] (phase) for N s".
    public static func longerThan(_ age: Duration) -> [(id: Int, description: String)] {
        let now = ContinuousClock.now
        return state.withLock { Array($0.waits) }
            .filter { now - $0.value.since >= age }
            .sorted { $0.value.since < $1.value.since }
            .map { id, wait in
                let origin = wait.line.map { "\(wait.origin):\($0)" } ?? wait.origin
                return (id, "\(origin) (\(wait.phase)) for \(Int((now - wait.since).components.seconds)) s")
            }
    }
}
