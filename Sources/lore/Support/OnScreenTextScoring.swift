import Foundation
import LoreInference
import LoreMedia

/// Text known to be on screen from `start` to `end` (ground truth).
struct ShownText: Codable {
    var start: Double
    var end: Double
    var text: String
}

/// How one ground-truth span was found among the detected slide spans.
struct ShownTextMatch: Codable {
    var truth: ShownText
    /// The detected span overlapping the truth the most, if any.
    var detectedStart: Double?
    var detectedEnd: Double?
    var cer: Double?
    /// Both boundaries within the tolerance and CER within the limit.
    var found: Bool
}

/// Scores detected `SlideSpan`s against what was shown: a shown text is found when the detected
/// span overlapping it most starts and ends within `tolerance` seconds of it and its text has a
/// CER of at most `maxCER` (CER as in `CharacterErrorRate`: NFC, whitespace collapsed).
struct OnScreenTextScoring {
    var tolerance = 1.0
    var maxCER = 0.05

    /// Consecutive truth entries with the same text are one shown span (the composed video's
    /// ground truth splits a page's time at each utterance).
    static func merged(_ truth: [ShownText]) -> [ShownText] {
        var result: [ShownText] = []
        for item in truth.sorted(by: { $0.start < $1.start }) {
            if let last = result.last, CharacterErrorRate.normalize(last.text) == CharacterErrorRate.normalize(item.text),
               abs(last.end - item.start) < 0.05 {
                result[result.count - 1].end = item.end
            } else {
                result.append(item)
            }
        }
        return result
    }

    func match(_ truth: [ShownText], _ spans: [SlideSpan]) -> [ShownTextMatch] {
        truth.map { shown in
            let best = spans.max { overlap($0, shown) < overlap($1, shown) }
            guard let best, overlap(best, shown) > 0 else { return ShownTextMatch(truth: shown, found: false) }
            let cer = CharacterErrorRate.measure(hypothesis: best.text, reference: shown.text).rate
            let found = abs(best.start - shown.start) <= tolerance && abs(best.end - shown.end) <= tolerance && cer <= maxCER
            return ShownTextMatch(truth: shown, detectedStart: best.start, detectedEnd: best.end, cer: cer, found: found)
        }
    }

    private func overlap(_ span: SlideSpan, _ shown: ShownText) -> Double {
        max(0, min(span.end, shown.end) - max(span.start, shown.start))
    }
}
