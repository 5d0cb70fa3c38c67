import Testing
@testable import LoreJobs

/// The wake-up primitives the pool sleeps on: no lost wake-ups, no hang on cancellation.
@Suite struct SignalTests {
    @Test func aSignalBeforeTheWaitIsNotLost() async {
        let signal = WakeSignal()
        signal.signal()
        signal.signal()
        await signal.wait()   // consumes the pending signal at once
        #expect(await signal.wait(timeout: .milliseconds(50)) == false, "two signals before a wait wake it once")
    }

    @Test func aSignalWakesAWaiter() async {
        let signal = WakeSignal()
        async let waited = signal.wait(timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(20))
        signal.signal()
        #expect(await waited)
    }

    @Test func cancellationEndsAWait() async {
        let signal = WakeSignal()
        let task = Task { await signal.wait() }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await task.value
        let shot = OneShot<Int>()
        let waiter = Task { await shot.wait() }
        waiter.cancel()
        #expect(await waiter.value == nil)
    }

    @Test func aOneShotFiresOnceForEveryWaiter() async {
        let shot = OneShot<Int>()
        async let first = shot.wait()
        async let second = shot.wait()
        try? await Task.sleep(for: .milliseconds(20))
        #expect(shot.fire(1))
        #expect(!shot.fire(2))
        #expect(await first == 1)
        #expect(await second == 1)
        #expect(await shot.wait() == 1)
    }
}
