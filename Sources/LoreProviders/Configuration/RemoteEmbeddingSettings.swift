import Foundation
import LoreCore

/// Which remote embedding models a deployment uses, read once from the environment:
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `LORE_OPENAI_BASE_URL` | API root of an OpenAI-compatible server | `https://api.openai.com/v1` |
/// | `LORE_OPENAI_API_KEY` | bearer key | none |
/// | `LORE_OPENAI_ORGANIZATION` | `OpenAI-Organization` header | none |
/// | `LORE_OPENAI_TIMEOUT_SECONDS` | per-request timeout | 60 |
/// | `LORE_EMBEDDING_STANDARD_MODEL` | model of the 1536-d `standard` strategy | `text-embedding-3-small` |
/// | `LORE_EMBEDDING_HIGH_QUALITY_MODEL` | model of the 3072-d `high_quality` strategy | `text-embedding-3-large` |
///
/// Remote strategies count as configured when a key is set, or when a base URL other than
/// OpenAI's is set (local compatible servers often need no key). Setting a model variable to
/// `none` turns that strategy off.
public struct RemoteEmbeddingSettings: Sendable {
    public var connection: OpenAICompatibleConfiguration
    public var standardModel: String?
    public var highQualityModel: String?

    public static let defaultBaseURL = "https://api.openai.com/v1"

    /// nil when no remote provider is configured.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteEmbeddingSettings? {
        guard let connection = try connection(environment) else { return nil }
        func model(_ variable: String, default fallback: String) -> String? {
            let value = ProviderEnvironment.value(variable, in: environment) ?? fallback
            return value.lowercased() == "none" ? nil : value
        }
        return RemoteEmbeddingSettings(
            connection: connection,
            standardModel: model("LORE_EMBEDDING_STANDARD_MODEL", default: "text-embedding-3-small"),
            highQualityModel: model("LORE_EMBEDDING_HIGH_QUALITY_MODEL", default: "text-embedding-3-large"))
    }

    /// The OpenAI-compatible server the `LORE_OPENAI_*` variables name; nil when none is
    /// configured (no key, and no base URL other than OpenAI's).
    public static func connection(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OpenAICompatibleConfiguration? {
        let key = ProviderEnvironment.value("LORE_OPENAI_API_KEY", in: environment)
        let base = ProviderEnvironment.value("LORE_OPENAI_BASE_URL", in: environment)
        guard key != nil || (base != nil && base != defaultBaseURL) else { return nil }
        let url = try ProviderEnvironment.url(base ?? defaultBaseURL, variable: "LORE_OPENAI_BASE_URL")
        let timeout = try ProviderEnvironment.timeout("LORE_OPENAI_TIMEOUT_SECONDS", in: environment, default: .seconds(60))
        return try OpenAICompatibleConfiguration(
            baseURL: url, apiKey: key, organization: environment["LORE_OPENAI_ORGANIZATION"], requestTimeout: timeout)
    }

    /// The remote strategies these settings provide.
    public var strategies: Set<EmbeddingStrategy> {
        var result: Set<EmbeddingStrategy> = []
        if standardModel != nil { result.insert(.standard) }
        if highQualityModel != nil { result.insert(.highQuality) }
        return result
    }

    /// The embedder of a remote strategy, with the strategy's storage dimensions.
    public func embedder(for strategy: EmbeddingStrategy, usageRecorder: (any ProviderUsageRecorder)? = nil) throws -> OpenAIEmbeddingProvider {
        let model: String?
        switch strategy {
        case .lightweight: model = nil
        case .standard: model = standardModel
        case .highQuality: model = highQualityModel
        }
        guard let model else {
            throw LoreError(.configuration, "the \(strategy.rawValue) strategy has no remote model configured")
        }
        return try OpenAIEmbeddingProvider(configuration: connection, model: model, dimensions: strategy.dimensions,
                                           usageRecorder: usageRecorder)
    }
}
