import Foundation
import LoreCore

/// Character error rate: edit distance between a hypothesis and its reference, divided by the
/// reference's length, after a normalisation that only removes layout.
///
/// Normalisation: Unicode NFC; every run of whitespace (spaces, tabs, line and paragraph breaks)
/// becomes one space; leading and trailing whitespace is dropped. Case, punctuation, quotes and
/// accents are kept: they are part of what OCR must get right. Characters are Unicode scalars.
public enum CharacterErrorRate {
    public struct Measurement: Sendable, Codable, Equatable {
        /// Insertions + deletions + substitutions.
        public var edits: Int
        public var referenceLength: Int
        public var rate: Double { referenceLength == 0 ? (edits == 0 ? 0 : 1) : Double(edits) / Double(referenceLength) }
    }

    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    public static func measure(hypothesis: String, reference: String) -> Measurement {
        let hypothesis = Array(normalize(hypothesis).unicodeScalars)
        let reference = Array(normalize(reference).unicodeScalars)
        return Measurement(edits: editDistance(hypothesis, reference), referenceLength: reference.count)
    }

    /// Levenshtein distance (kept here for callers of the evaluation API).
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        EditDistance.levenshtein(a, b)
    }
}
