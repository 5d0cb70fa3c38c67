/// Word error rate: (substitutions + deletions + insertions) / reference words, by
/// Levenshtein alignment of normalised words.
public struct WordErrorRate: Sendable, Equatable {
    public var errors: Int
    public var referenceWords: Int

    public init(errors: Int = 0, referenceWords: Int = 0) {
        self.errors = errors
        self.referenceWords = referenceWords
    }

    /// Normalises both texts with `TranscriptNormalizer` and aligns them.
    public init(reference: String, hypothesis: String) {
        let ref = TranscriptNormalizer.words(reference)
        let hyp = TranscriptNormalizer.words(hypothesis)
        self.init(errors: Self.editDistance(ref, hyp), referenceWords: ref.count)
    }

    /// Errors over reference words; 0 for an empty reference with an empty hypothesis.
    public var rate: Double {
        referenceWords == 0 ? (errors == 0 ? 0 : 1) : Double(errors) / Double(referenceWords)
    }

    /// Corpus-level WER: errors and words summed over utterances.
    public static func + (lhs: WordErrorRate, rhs: WordErrorRate) -> WordErrorRate {
        WordErrorRate(errors: lhs.errors + rhs.errors, referenceWords: lhs.referenceWords + rhs.referenceWords)
    }

    static func editDistance(_ a: [String], _ b: [String]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
