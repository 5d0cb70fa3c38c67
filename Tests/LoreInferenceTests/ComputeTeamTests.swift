import Synchronization
import Testing
@testable import LoreInference

@Suite struct ComputeTeamTests {
    @Test func everyIndexRunsExactlyOnceInEveryRegion() {
        let team = ComputeTeam(size: 3)
        defer { team.shutdown() }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        defer { counts.deallocate() }
        for region in 0..<2000 {
            let size = 1 + region % 64
            counts.initialize(repeating: 0, count: 64)
            // Each index is a distinct slot, so no two threads write the same one.
            team.parallel(size) { index, worker in
                precondition(worker >= 0 && worker < 3)
                counts[index] += 1
            }
            #expect((0..<size).allSatisfy { counts[$0] == 1 })
        }
    }

    @Test func helpersThatFellAsleepWakeForTheNextRegion() async throws {
        let team = ComputeTeam(size: 2)
        defer { team.shutdown() }
        let total = Atomic<Int>(0)
        team.parallel(8) { index, _ in total.add(index, ordering: .relaxed) }
        try await Task.sleep(for: .milliseconds(300))  // long enough for the helper to sleep
        team.parallel(8) { index, _ in total.add(index, ordering: .relaxed) }
        #expect(total.load(ordering: .relaxed) == 56)
    }

    @Test func aTeamOfOneRunsInline() {
        let team = ComputeTeam(size: 1)
        defer { team.shutdown() }
        var seen: [Int] = []
        team.parallel(5) { index, worker in
            #expect(worker == 0)
            seen.append(index)
        }
        #expect(seen == [0, 1, 2, 3, 4])
    }
}
