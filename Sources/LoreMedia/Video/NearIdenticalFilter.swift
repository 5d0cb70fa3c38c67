import LoreCore

/// Drops a frame when it hashes (nearly) the same as the last frame kept, unless that one is
/// older than `maxDropRun`.
struct NearIdenticalFilter {
    var rule: NearDuplicateRule
    var maxDropRun: Double
    private(set) var lastKept: (hashes: PerceptualHashes, time: Double)?

    init(rule: NearDuplicateRule, maxDropRun: Double) {
        self.rule = rule
        self.maxDropRun = maxDropRun
    }

    /// Decides for the next frame in time order and remembers it when kept.
    mutating func keeps(_ hashes: PerceptualHashes, at time: Double) -> Bool {
        if let last = lastKept, time - last.time < maxDropRun, isNearIdentical(hashes, last.hashes) {
            return false
        }
        lastKept = (hashes, time)
        return true
    }

    /// `NearDuplicateRule` never matches low-texture pictures (their bits are mostly noise), but
    /// two frames of a black screen are the same frame; the plain distances decide for those.
    func isNearIdentical(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        let comparison = rule.compare(a, b)
        if comparison.isNearDuplicate { return true }
        return a.lowTexture && b.lowTexture
            && comparison.dHashDistance <= rule.maxDHashDistance && comparison.pHashDistance <= rule.maxPHashDistance
    }
}
