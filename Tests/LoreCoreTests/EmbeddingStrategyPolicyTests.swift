import Testing
@testable import LoreCore

@Suite struct EmbeddingStrategyPolicyTests {
    private let everything = try! EmbeddingStrategyPolicy(configured: Set(EmbeddingStrategy.allCases))

    @Test func followsTheSeedWhenEverythingIsConfigured() {
        #expect(everything.strategy(tier: .free) == .lightweight)
        #expect(everything.strategy(tier: .free, importance: .critical) == .lightweight)
        #expect(everything.strategy(tier: .starter) == .standard)
        #expect(everything.strategy(tier: .professional) == .standard)
        #expect(everything.strategy(tier: .professional, importance: .critical) == .highQuality)
        #expect(everything.strategy(tier: .enterprise) == .highQuality)
    }

    @Test func withoutARemoteProviderEveryoneGetsLightweight() {
        for tier in OrganizationTier.allCases {
            for importance in ContentImportance.allCases {
                #expect(EmbeddingStrategyPolicy.localOnly.strategy(tier: tier, importance: importance) == .lightweight)
            }
        }
    }

    @Test func stepsDownToTheNextConfiguredStrategy() throws {
        let noLarge = try EmbeddingStrategyPolicy(configured: [.lightweight, .standard])
        #expect(noLarge.strategy(tier: .enterprise) == .standard)
        #expect(noLarge.strategy(tier: .starter, importance: .critical) == .standard)
        let noSmall = try EmbeddingStrategyPolicy(configured: [.lightweight, .highQuality])
        #expect(noSmall.strategy(tier: .professional) == .lightweight)
        #expect(noSmall.strategy(tier: .enterprise) == .highQuality)
    }

    @Test func stepsUpOnlyWhenNothingCheaperExists() throws {
        let remoteOnly = try EmbeddingStrategyPolicy(configured: [.highQuality])
        #expect(remoteOnly.strategy(tier: .free) == .highQuality)
        #expect(throws: LoreError.self) { try EmbeddingStrategyPolicy(configured: []) }
    }

    @Test func dimensionsMatchTheStorageColumns() {
        #expect(EmbeddingStrategy.byCost.map(\.dimensions) == [384, 1536, 3072])
    }

    /// Media tagged `critical` (any case) is critical content: the best configured strategy
    /// for a paying tier, while a free organisation stays on the local model.
    @Test func theCriticalTagMarksCriticalContent() throws {
        #expect(ContentImportance.of(tags: ["board", "Critical"]) == .critical)
        #expect(ContentImportance.of(tags: ["board", "critical-path"]) == .normal)
        #expect(ContentImportance.of(tags: []) == .normal)
        let all = try EmbeddingStrategyPolicy(configured: [.lightweight, .standard, .highQuality])
        #expect(all.strategy(tier: .professional, importance: .of(tags: ["critical"])) == .highQuality)
        #expect(all.strategy(tier: .professional, importance: .of(tags: ["minutes"])) == .standard)
        #expect(all.strategy(tier: .free, importance: .of(tags: ["critical"])) == .lightweight)
    }
}
