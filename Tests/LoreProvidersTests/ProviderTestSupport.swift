import Foundation
import LoreCore
@testable import LoreProviders
import LoreTestSupport

/// Records the waits a provider asks for instead of sleeping, so retry tests run instantly.
actor SleepRecorder {
    private(set) var waits: [Duration] = []
    func record(_ duration: Duration) { waits.append(duration) }
}

let simulatorKey = "sk-simulator-test-key-0123456789abcdef"

func configuration(
    for simulator: OpenAISimulator, key: String? = simulatorKey, retry: RetryPolicy = .default,
    // Generous: a loaded CI machine must not turn a slow answer into a retry the test did not expect.
    timeout: Duration = .seconds(60), sleeps: SleepRecorder
) throws -> OpenAICompatibleConfiguration {
    try OpenAICompatibleConfiguration(
        baseURL: simulator.baseURL, apiKey: key, providerName: "simulator", requestTimeout: timeout, retry: retry,
        sleep: { await sleeps.record($0) })
}

func expectError(code: ErrorCode, _ body: () async throws -> Void) async -> LoreError? {
    do {
        try await body()
        return nil
    } catch let error as LoreError {
        return error.code == code ? error : nil
    } catch {
        return nil
    }
}
