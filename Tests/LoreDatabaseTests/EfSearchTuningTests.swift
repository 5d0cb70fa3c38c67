import Foundation
import Testing
@testable import LoreDatabase

/// The candidate list chosen from measured recalls: the smallest that reaches the target, and
/// when none does, the one that came closest.
@Suite struct EfSearchTuningTests {
    @Test func choosesTheSmallestListThatReachesTheTarget() {
        let measured: [(ef: Int, recall: Double)] = [(40, 0.91), (64, 0.97), (100, 0.985), (160, 0.99)]
        #expect(SearchIndexManager.choose(measured, target: 0.98) == (100, 0.985))
        #expect(SearchIndexManager.choose(measured, target: 0.9) == (40, 0.91))
    }

    @Test func recallIsTheShareOfTheExactAnswerFound() {
        let (a, b, c) = (UUID(), UUID(), UUID())
        #expect(SearchIndexManager.recall([a, b], against: [a, c]) == 0.5)
        #expect(SearchIndexManager.recall([c, a, b], against: [a, b]) == 1)
        #expect(SearchIndexManager.recall([], against: []) == 1)
    }

    @Test func withoutOneThatReachesItTheBestRecallWins() {
        let measured: [(ef: Int, recall: Double)] = [(40, 0.80), (64, 0.90), (100, 0.90)]
        #expect(SearchIndexManager.choose(measured, target: 0.98) == (100, 0.90))
        #expect(SearchIndexManager.choose([], target: 0.98).ef == SearchIndexManager.efSearchCandidates.last)
    }
}
