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
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let base = value("LORE_RERANK_BASE_URL") else { return nil }
        guard let url = URL(string: base) else { throw LoreError(.configuration, "LORE_RERANK_BASE_URL is not a URL") }
        var timeout = Duration.seconds(30)
        if let text = value("LORE_RERANK_TIMEOUT_SECONDS") {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw LoreError(.configuration, "LORE_RERANK_TIMEOUT_SECONDS must be a number of seconds between 0 and 3600")
            }
            timeout = .milliseconds(Int64(seconds * 1000))
        }
        let connection = try OpenAICompatibleConfiguration(baseURL: url, apiKey: value("LORE_RERANK_API_KEY"), providerName: "cohere",
                                                           requestTimeout: timeout)
        return RemoteRerankSettings(connection: connection, model: value("LORE_RERANK_MODEL") ?? "rerank-v3.5")
    }

    public func reranker() throws -> CohereReranker { try CohereReranker(configuration: connection, model: model) }
}
