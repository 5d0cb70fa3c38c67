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

    /// One poor query in 24 does not decide the list; two in 24 still count.
    @Test func theWorstQueryInTwentyFourIsLeftOutOfTheMean() {
        func misses(_ count: Int, _ total: Int) -> [Double] { Array(repeating: 0.0, count: count) + Array(repeating: 1.0, count: total - count) }
        #expect(SearchIndexManager.meanWithoutOutliers(misses(2, 48)) == 1)
        #expect(SearchIndexManager.meanWithoutOutliers(misses(1, 24)) == 1)
        #expect(SearchIndexManager.meanWithoutOutliers(misses(3, 48)) == 45.0 / 46)
        #expect(SearchIndexManager.meanWithoutOutliers(misses(3, 48)) < SearchIndexManager.efSearchTargetRecall)
        #expect(SearchIndexManager.meanWithoutOutliers(misses(1, 23)) == 22.0 / 23)
        #expect(SearchIndexManager.meanWithoutOutliers([0.5, 0.75]) == 0.625)
        #expect(SearchIndexManager.meanWithoutOutliers([]) == 1)
    }
}
