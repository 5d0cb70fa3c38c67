import LoreCore

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
        self.init(errors: EditDistance.levenshtein(ref, hyp), referenceWords: ref.count)
    }

    /// Errors over reference words; 0 for an empty reference with an empty hypothesis.
    public var rate: Double {
        referenceWords == 0 ? (errors == 0 ? 0 : 1) : Double(errors) / Double(referenceWords)
    }

    /// Corpus-level WER: errors and words summed over utterances.
    public static func + (lhs: WordErrorRate, rhs: WordErrorRate) -> WordErrorRate {
        WordErrorRate(errors: lhs.errors + rhs.errors, referenceWords: lhs.referenceWords + rhs.referenceWords)
    }
}
