import Foundation
import Logging
import LoreCore
import LoreDatabase
import LoreInference
import LoreProviders

/// The embedding models this installation can run — the local MiniLM always, remote models when
/// `LORE_OPENAI_API_KEY` configures them — and the policy choosing one per organisation.
public final class EmbeddingModels: Sendable {
    public let policy: EmbeddingStrategyPolicy
    private let byStrategy: [EmbeddingStrategy: any Embedder]

    public init(local: any Embedder, remote: [EmbeddingStrategy: any Embedder] = [:]) throws {
        var byStrategy = remote
        byStrategy[.lightweight] = local
        self.byStrategy = byStrategy
        self.policy = try EmbeddingStrategyPolicy(configured: Set(byStrategy.keys))
    }

    /// Local MiniLM (loaded on first use; search queries in `LORE_QUERY_PRECISION`) plus the
    /// remote strategies the environment configures, whose usage is recorded per organisation.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       recorder: PerformanceRecorder?, logger: Logger) throws -> EmbeddingModels {
        let queryPrecision = try queryPrecision(environment)
        let queryThreads = try queryThreads(environment)
        let local = LazyEmbedder(model: EmbeddingModel(name: MiniLMEmbedder.modelName, dimensions: 384)) {
            try MiniLMEmbedder(configuration: .init(queryPrecision: queryPrecision, queryThreads: queryThreads), logger: logger)
        }
        var remote: [EmbeddingStrategy: any Embedder] = [:]
        if let settings = try RemoteEmbeddingSettings.fromEnvironment(environment) {
            let usage = recorder.map { UsageToPerformance(recorder: $0) }
            for strategy in settings.strategies where strategy != .lightweight {
                remote[strategy] = try settings.embedder(for: strategy, usageRecorder: usage)
            }
        }
        return try EmbeddingModels(local: local, remote: remote)
    }

    /// `LORE_QUERY_PRECISION` (`float32`, `bfloat16` or `int8`): the local model's arithmetic for
    /// search queries; unset, the fastest this CPU runs. One the CPU lacks is refused here, at
    /// start-up, rather than when the model first loads.
    static func queryPrecision(_ environment: [String: String]) throws -> EncoderPrecision {
        guard let text = environment["LORE_QUERY_PRECISION"], !text.isEmpty else { return .fastest }
        guard let precision = EncoderPrecision(rawValue: text.lowercased()) else {
            let names = EncoderPrecision.allCases.map(\.rawValue).joined(separator: ", ")
            throw LoreError(.configuration, "LORE_QUERY_PRECISION must be one of \(names), not ‘\(text)’")
        }
        guard precision.isAvailable else {
            throw LoreError(.configuration, "LORE_QUERY_PRECISION=\(precision.rawValue) needs \(precision.requirement), which this machine lacks")
        }
        return precision
    }

    /// `LORE_QUERY_THREADS`: how many threads one pass of search queries uses; unset (nil), the
    /// model's rule for its precision (`MiniLMEmbedder.Configuration.defaultQueryThreads`).
    static func queryThreads(_ environment: [String: String]) throws -> Int? {
        let most = MiniLMEmbedder.Configuration.defaultThreads
        guard let text = environment["LORE_QUERY_THREADS"], !text.isEmpty else { return nil }
        guard let threads = Int(text), (1...most).contains(threads) else {
            throw LoreError(.configuration, "LORE_QUERY_THREADS must be a whole number from 1 to \(most) (the encoder's threads), not ‘\(text)’")
        }
        return threads
    }

    /// Loads the local model now, so a missing or damaged weights file stops a server or worker
    /// at start-up with an error naming the file, instead of failing jobs and searches later.
    public func loadLocal() throws {
        if let lazy = byStrategy[.lightweight] as? LazyEmbedder { _ = try lazy.resolved() }
    }

    public func embedder(for strategy: EmbeddingStrategy) -> any Embedder {
        byStrategy[strategy] ?? byStrategy[.lightweight]!
    }

    /// The strategy and embedder for an organisation's content.
    public func choose(tier: OrganizationTier, importance: ContentImportance = .normal) -> (EmbeddingStrategy, any Embedder) {
        let strategy = policy.strategy(tier: tier, importance: importance)
        return (strategy, embedder(for: strategy))
    }

    /// Every model, for search (which queries each model an organisation's chunks use).
    public var all: [any Embedder] { Array(byStrategy.values) }
}

/// Remote provider usage (tokens per organisation) into `performance_metrics`, for cost accounting.
struct UsageToPerformance: ProviderUsageRecorder {
    let recorder: PerformanceRecorder

    func record(_ usage: ProviderUsage) async {
        guard let attribution = usage.attribution, let org = OrgID(attribution) else { return }
        recorder.record(org: org, operation: "provider.\(usage.operation.rawValue).\(usage.model)", durationMs: 0,
                        units: Int64(usage.promptTokens))
    }
}
