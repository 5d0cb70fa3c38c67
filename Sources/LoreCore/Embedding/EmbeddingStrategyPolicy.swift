/// How much a piece of content matters for retrieval quality; critical documents (contracts,
/// policies, anything an organisation flags) get the best embedding the deployment offers.
public enum ContentImportance: String, Sendable, Codable, CaseIterable {
    case normal
    case critical

    /// The tag (any case) that marks a media item as critical content.
    public static let criticalTag = "critical"

    /// A media item's importance from its tags: `critical` makes it critical.
    public static func of(tags: [String]) -> ContentImportance {
        tags.contains { $0.lowercased() == criticalTag } ? .critical : .normal
    }
}

/// Chooses the embedding strategy for a chunk from the organisation's tier and the content's
/// importance, among the strategies this deployment has configured.
///
/// The wish follows the seed design: free → `lightweight`; enterprise or critical content →
/// `highQuality`; everyone else → `standard`. When the wished-for strategy is not configured
/// the policy steps *down* to the next cheaper configured one (never silently up, which would
/// cost more than the tier pays for), and only when nothing cheaper exists does it step up.
/// With no remote provider configured every organisation therefore gets `lightweight`.
/// The result is recorded per chunk, so search embeds the query with the same model.
public struct EmbeddingStrategyPolicy: Sendable, Hashable {
    /// Strategies that have a working embedder in this deployment.
    public let configured: Set<EmbeddingStrategy>

    /// Fails when `configured` is empty: a deployment without any embedder cannot index.
    public init(configured: Set<EmbeddingStrategy>) throws {
        guard !configured.isEmpty else {
            throw LoreError(.configuration, "no embedding strategy is configured (the local model is missing and no provider is set)")
        }
        self.configured = configured
    }

    /// Only the local model: what a fresh offline installation has.
    public static let localOnly = try! EmbeddingStrategyPolicy(configured: [.lightweight])

    /// The strategy the seed design assigns, before looking at what is configured.
    public static func preferredStrategy(tier: OrganizationTier, importance: ContentImportance) -> EmbeddingStrategy {
        switch (tier, importance) {
        case (.free, _): return .lightweight
        case (.enterprise, _), (_, .critical): return .highQuality
        default: return .standard
        }
    }

    /// The configured strategy for content of `importance` in an organisation of `tier`.
    public func strategy(tier: OrganizationTier, importance: ContentImportance = .normal) -> EmbeddingStrategy {
        let wish = Self.preferredStrategy(tier: tier, importance: importance)
        let byCost = EmbeddingStrategy.byCost
        let wishIndex = byCost.firstIndex(of: wish)!
        let cheaperFirst = byCost[...wishIndex].reversed() + byCost[(wishIndex + 1)...]
        // Non-empty `configured` guarantees a match.
        return cheaperFirst.first(where: configured.contains)!
    }
}

extension EmbeddingStrategy {
    /// Strategies from the cheapest to the most expensive.
    public static let byCost: [EmbeddingStrategy] = [.lightweight, .standard, .highQuality]
}
