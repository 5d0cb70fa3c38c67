/// When and how long to wait before trying a provider request again.
///
/// Retries happen only for rate limiting (429), server errors (5xx), timeouts and connection
/// failures. Waits use exponential backoff with full jitter (a uniform random wait between 0
/// and `min(maxDelay, baseDelay · 2^retry)`), which spreads many clients' retries apart. A
/// `Retry-After` from the provider wins over the backoff when it is at most `maxRetryAfter`;
/// a longer one ends the retries at once with a rate-limit error that carries the wait, so a
/// job queue can reschedule instead of holding a worker.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first one included (1 = never retry).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20),
                maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let `default` = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (0 for the first retry), or nil when the provider's
    /// `Retry-After` exceeds `maxRetryAfter`.
    public func delay<Generator: RandomNumberGenerator>(
        beforeRetry retry: Int, retryAfter: Duration?, using generator: inout Generator
    ) -> Duration? {
        if let retryAfter {
            return retryAfter <= maxRetryAfter ? max(retryAfter, .zero) : nil
        }
        // The exponent is capped so the multiplication cannot overflow; maxDelay bounds it anyway.
        let ceiling = min(maxDelay, baseDelay * (1 << min(max(retry, 0), 30)))
        let fraction = Double.random(in: 0...1, using: &generator)
        return ceiling * fraction
    }

    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration? {
        var generator = SystemRandomNumberGenerator()
        return delay(beforeRetry: retry, retryAfter: retryAfter, using: &generator)
    }
}
