import Testing
@testable import LoreCore

/// A wait is listed with its label and current phase while it lasts, and gone once it ends.
@Suite struct InFlightWaitsTests {
    @Test func aWaitIsListedWithItsPhaseUntilItEnds() async throws {
        let label = "test wait \(Int.random(in: 0..<1_000_000))"
        let during = await InFlightWaits.track(label, phase: "starting") { wait in
            wait.phase("halfway")
            return InFlightWaits.longerThan(.zero).map(\.description).filter { $0.hasPrefix(label) }
        }
        #expect(during.count == 1)
        #expect(during.first?.hasPrefix("\(label) (halfway) for ") == true)
        #expect(InFlightWaits.longerThan(.zero).allSatisfy { !$0.description.hasPrefix(label) })
        // A wait that throws ends too.
        await #expect(throws: CancellationError.self) {
            try await InFlightWaits.track(label, phase: "failing") { _ in throw CancellationError() }
        }
        #expect(InFlightWaits.longerThan(.zero).allSatisfy { !$0.description.hasPrefix(label) })
        // A source file's wait names its line.
        let fromFile = await InFlightWaits.track(label, line: 42, phase: "in transaction") { _ in
            InFlightWaits.longerThan(.zero).map(\.description).filter { $0.hasPrefix(label) }
        }
        #expect(fromFile.first?.hasPrefix("\(label):42 (in transaction) for ") == true, "\(fromFile)")
        // Only waits at least as old as asked for.
        #expect(InFlightWaits.longerThan(.seconds(3_600)).allSatisfy { !$0.description.hasPrefix(label) })
    }
}
