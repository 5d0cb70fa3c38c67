/// Runs work that must finish even when the task asking for it is cancelled: the few writes
/// that record what a worker did (an attempt's completion, a job handed back). The work runs
/// in a task of its own, which inherits the caller's priority and task-local values but not
/// its cancellation; the caller waits for it either way.
enum Uncancelled {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await work() }.value
    }

    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        await Task { await work() }.value
    }
}
