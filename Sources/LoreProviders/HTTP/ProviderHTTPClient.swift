import AsyncHTTPClient
import Foundation
import LoreCore
import NIOCore
import NIOHTTP1

/// One POST to a provider endpoint.
struct ProviderRequest: Sendable {
    /// Path below the base URL, e.g. `embeddings`.
    var path: String
    var contentType: String
    var body: [UInt8]
    /// What the request does, for messages ("embeddings", "transcription").
    var operation: String
}

/// Sends provider requests with the shared policy of every OpenAI-compatible back-end:
/// authentication headers, a deadline per attempt, retries with backoff on 429/5xx/timeouts/
/// connection failures (honouring `Retry-After`), no retry on other 4xx, and typed errors whose
/// text is redacted of the API key and other secrets.
struct ProviderHTTPClient: Sendable {
    let configuration: OpenAICompatibleConfiguration
    let httpClient: HTTPClient
    let redactor: SecretRedactor

    init(configuration: OpenAICompatibleConfiguration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.redactor = SecretRedactor(secrets: [configuration.apiKey, configuration.organization])
    }

    /// The response body of a 2xx answer.
    func send(_ request: ProviderRequest) async throws -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await perform(request)
            let failure: Failure
            switch outcome {
            case .success(let body):
                return body
            case .failure(let error):
                failure = error
            }
            // A cancelled caller gets CancellationError, not a retry or a provider error.
            try Task.checkCancellation()
            guard failure.retryable, attempt < configuration.retry.maxAttempts else {
                throw failure.error(attempts: attempt, in: self, request: request)
            }
            guard let wait = configuration.retry.delay(beforeRetry: attempt - 1, retryAfter: failure.retryAfter) else {
                // The provider asked for a longer pause than we hold a caller for.
                throw failure.error(attempts: attempt, in: self, request: request, retryAfterTooLong: true)
            }
            try await configuration.sleep(wait)
        }
    }

    /// Why an attempt failed, and whether another one may succeed.
    struct Failure: Error {
        enum Kind { case status(Int), timeout, connection(String), tooLarge }
        var kind: Kind
        var providerMessage: String
        var retryAfter: Duration?

        var retryable: Bool {
            switch kind {
            case .status(let code): return code == 429 || code >= 500
            case .timeout, .connection: return true
            case .tooLarge: return false
            }
        }

        func error(attempts: Int, in client: ProviderHTTPClient, request: ProviderRequest, retryAfterTooLong: Bool = false) -> LoreError {
            let where_ = "\(client.configuration.providerName) \(request.operation) at \(client.configuration.displayURL)"
            let tries = attempts == 1 ? "" : " after \(attempts) attempts"
            var details = ["attempts": String(attempts)]
            if let retryAfter { details["retry_after_seconds"] = String(retryAfter.seconds) }
            let message = client.redactor.redact(providerMessage)
            let code: ErrorCode
            let text: String
            switch kind {
            case .status(let status):
                details["status"] = String(status)
                switch status {
                case 401, 403: code = .providerAuthenticationFailed
                case 429: code = .providerRateLimited
                case 500...: code = .providerUnavailable
                default: code = .providerRejectedRequest
                }
                let pause = retryAfterTooLong ? " (asked to wait longer than allowed)" : ""
                text = "\(where_) failed\(tries): HTTP \(status)\(pause): \(message)"
            case .timeout:
                code = .providerTimeout
                text = "\(where_) timed out\(tries) (limit \(client.configuration.requestTimeout) per request)"
            case .connection(let reason):
                code = .providerUnavailable
                text = "\(where_) unreachable\(tries): \(client.redactor.redact(reason))"
            case .tooLarge:
                code = .providerBadResponse
                text = "\(where_) answered more than \(client.configuration.maxResponseBytes) bytes"
            }
            return LoreError(code, client.redactor.redact(text), details: details.mapValues(client.redactor.redact))
        }
    }

    private func perform(_ request: ProviderRequest) async -> Result<[UInt8], Failure> {
        var http = HTTPClientRequest(url: configuration.endpoint(request.path))
        http.method = .POST
        http.headers.add(name: "Content-Type", value: request.contentType)
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "lore")
        if let key = configuration.apiKey { http.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let organization = configuration.organization { http.headers.add(name: "OpenAI-Organization", value: organization) }
        http.body = .bytes(request.body)
        let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.components.seconds) * 1_000_000_000
                                             + configuration.requestTimeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await httpClient.execute(http, timeout: timeout)
            let buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
            let body = Array(buffer.readableBytesView)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .success(body) }
            let retryAfter = RetryAfter.parse(milliseconds: response.headers.first(name: "retry-after-ms"),
                                              value: response.headers.first(name: "retry-after"))
            return .failure(Failure(kind: .status(status), providerMessage: ProviderErrorBody.summary(of: body), retryAfter: retryAfter))
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            return .failure(Failure(kind: .timeout, providerMessage: "", retryAfter: nil))
        } catch is NIOTooManyBytesError {
            return .failure(Failure(kind: .tooLarge, providerMessage: "", retryAfter: nil))
        } catch {
            return .failure(Failure(kind: .connection(String(describing: error)), providerMessage: "", retryAfter: nil))
        }
    }
}
