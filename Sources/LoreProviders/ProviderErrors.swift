import LoreCore

public extension ErrorCode {
    /// The provider refused the credentials (HTTP 401/403). Not retried.
    static let providerAuthenticationFailed = ErrorCode("provider_authentication_failed", .upstream)
    /// The provider rejected the request as invalid (other HTTP 4xx). Not retried.
    static let providerRejectedRequest = ErrorCode("provider_rejected_request", .upstream)
    /// Still rate-limited (HTTP 429) after every retry, or asked to wait longer than allowed.
    static let providerRateLimited = ErrorCode("provider_rate_limited", .rateLimited)
    /// Server errors (HTTP 5xx) or connection failures after every retry.
    static let providerUnavailable = ErrorCode("provider_unavailable", .upstream)
    /// No complete answer within the per-request timeout, after every retry.
    static let providerTimeout = ErrorCode("provider_timeout", .timeout)
    /// The provider answered 2xx with something unusable: malformed JSON, missing or
    /// duplicated items, wrong vector dimensions. Not retried.
    static let providerBadResponse = ErrorCode("provider_bad_response", .upstream)
}
