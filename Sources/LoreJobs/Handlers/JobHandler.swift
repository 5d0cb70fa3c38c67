/// Code that runs one kind of job. Registered by kind in a `JobRegistry`; the queue stores its
/// payload as JSON and hands it back typed.
///
/// Handlers must be idempotent or make their database effects exactly-once with
/// `JobContext.complete(_:)`: a worker that dies mid-run leaves the job to be run again.
public protocol JobHandler: Sendable {
    associatedtype Payload: Codable & Sendable
    /// The stored name of this job type.
    static var kind: JobKind { get }
    /// Attempts, timeout, lease, backoff and default priority of this kind.
    static var policy: JobPolicy { get }
    /// Does the work. Throwing `JobError.permanent` or a `LoreError` of an input-like category
    /// sends the job to the dead-letter queue; other errors are retried with backoff.
    func run(_ payload: Payload, context: JobContext) async throws
}

extension JobHandler {
    public static var policy: JobPolicy { .standard }
}
