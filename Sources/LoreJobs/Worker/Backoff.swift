import LoreCore

/// Retry delays: exponential with full jitter and a cap. After the `n`-th attempt failed, the
/// next one waits a uniformly random time in `0 … min(cap, base · 2ⁿ)`, which spreads retries
/// of jobs that failed together (a database restart) instead of bunching them.
public enum Backoff {
    /// The largest delay after attempt `attempt` (1 for the first attempt).
    public static func upperBound(afterAttempt attempt: Int, policy: JobPolicy) -> Duration {
        let base = policy.backoffBase.seconds
        let cap = policy.backoffCap.seconds
        // 2^attempt overflows nothing we care about: past the cap the cap wins.
        let exponent = Double(min(max(attempt, 0), 60))
        return .seconds(min(cap, base * pow2(exponent)))
    }

    /// A random delay in `0 … upperBound(afterAttempt:policy:)`.
    public static func delay<R: RandomNumberGenerator>(afterAttempt attempt: Int, policy: JobPolicy, using generator: inout R) -> Duration {
        let bound = upperBound(afterAttempt: attempt, policy: policy).seconds
        guard bound > 0 else { return .zero }
        return .seconds(Double.random(in: 0...bound, using: &generator))
    }

    public static func delay(afterAttempt attempt: Int, policy: JobPolicy) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, policy: policy, using: &generator)
    }

    private static func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
