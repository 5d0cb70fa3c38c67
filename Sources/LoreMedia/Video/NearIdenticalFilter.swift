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

    func isNearIdentical(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        rule.matchesConsecutiveFrames(a, b)
    }
}

extension NearDuplicateRule {
    /// `isNearDuplicate`, except that two low-texture pictures match on their plain distances:
    /// the rule never matches those on hashes alone (their bits are mostly noise), but two
    /// consecutive frames of a black screen are the same frame.
    func matchesConsecutiveFrames(_ a: PerceptualHashes, _ b: PerceptualHashes) -> Bool {
        let comparison = compare(a, b)
        if comparison.isNearDuplicate { return true }
        return a.lowTexture && b.lowTexture
            && comparison.dHashDistance <= maxDHashDistance && comparison.pHashDistance <= maxPHashDistance
    }
}
