import Foundation
import LoreCore

/// How to reach an OpenAI-compatible API (OpenAI itself, Azure-style gateways, vLLM, LocalAI,
/// LiteLLM…). The key is never printed: `description` masks it.
public struct OpenAICompatibleConfiguration: Sendable, CustomStringConvertible {
    /// The API root, e.g. `https://api.openai.com/v1`; endpoint paths are appended to it.
    public var baseURL: URL
    /// Sent as `Authorization: Bearer …`; nil for servers without authentication.
    public var apiKey: String?
    /// Sent as `OpenAI-Organization` when set.
    public var organization: String?
    /// Name used in usage records and error messages.
    public var providerName: String
    /// Deadline for one HTTP request (connect, send, receive), per attempt.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// Largest response body accepted.
    public var maxResponseBytes: Int
    /// How retries wait; replaceable so tests can observe waits without sleeping.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        baseURL: URL, apiKey: String?, organization: String? = nil, providerName: String = "openai",
        requestTimeout: Duration = .seconds(60), retry: RetryPolicy = .default, maxResponseBytes: Int = 64 << 20,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws {
        guard let scheme = baseURL.scheme?.lowercased(), ["http", "https"].contains(scheme), baseURL.host != nil else {
            throw LoreError(.configuration, "provider base URL must be an http(s) URL with a host")
        }
        self.baseURL = baseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.organization = organization
        self.providerName = providerName
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.sleep = sleep
    }

    /// The base URL without credentials, query or fragment: safe for messages.
    public var displayURL: String {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return "provider" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "provider"
    }

    public var description: String {
        "\(providerName) at \(displayURL) (key \(apiKey == nil ? "none" : "set"))"
    }

    func endpoint(_ path: String) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }
}
