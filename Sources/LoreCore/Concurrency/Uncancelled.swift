/// Runs work that must finish even when the task asking for it is cancelled: the few writes
/// that record what a component did before it stops (a job attempt's completion, a job handed
/// back, the last buffered metrics). A cancelled task's database queries fail at once, so such
/// writes would otherwise be lost exactly when they matter. The work runs in a task of its own,
/// which inherits the caller's priority and task-local values but not its cancellation; the
/// caller waits for it either way.
public enum Uncancelled {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await work() }.value
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        await Task { await work() }.value
    }
}
