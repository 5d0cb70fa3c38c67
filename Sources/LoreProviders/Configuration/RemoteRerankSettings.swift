import Foundation
import LoreCore

/// The re-ranking provider a deployment uses, read once from the environment:
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `LORE_RERANK_BASE_URL` | API root of a Cohere-compatible server (`…/rerank` is appended) | none: no re-ranking |
/// | `LORE_RERANK_API_KEY` | bearer key | none |
/// | `LORE_RERANK_MODEL` | model name | `rerank-v3.5` |
/// | `LORE_RERANK_TIMEOUT_SECONDS` | per-request timeout | 30 |
public struct RemoteRerankSettings: Sendable {
    public var connection: OpenAICompatibleConfiguration
    public var model: String

    /// nil when no re-ranking server is configured.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteRerankSettings? {
        func value(_ name: String) -> String? { ProviderEnvironment.value(name, in: environment) }
        guard let base = value("LORE_RERANK_BASE_URL") else { return nil }
        let connection = try OpenAICompatibleConfiguration(
            baseURL: try ProviderEnvironment.url(base, variable: "LORE_RERANK_BASE_URL"), apiKey: value("LORE_RERANK_API_KEY"),
            providerName: "cohere", requestTimeout: try ProviderEnvironment.timeout("LORE_RERANK_TIMEOUT_SECONDS", in: environment, default: .seconds(30)))
        return RemoteRerankSettings(connection: connection, model: value("LORE_RERANK_MODEL") ?? "rerank-v3.5")
    }

    public func reranker() throws -> CohereReranker { try CohereReranker(configuration: connection, model: model) }
}
