import Foundation

/// Word recall of extracted text against a reference: the fraction of the reference's word
/// tokens found in the output, counted as multisets (a word the reference has three times must
/// appear three times). Both sides are normalised the same way: Unicode NFKC, case-folded,
/// punctuation and symbols removed (they split words: "e-mail" → "e", "mail"), whitespace splits.
public enum TextRecall {
    public struct Result: Sendable, Codable, Hashable {
        public var recall: Double
        public var found: Int
        public var referenceTokens: Int
    }

    public static func measure(output: String, reference: String) -> Result {
        let reference = tokens(reference)
        guard !reference.isEmpty else { return Result(recall: 1, found: 0, referenceTokens: 0) }
        var available: [String: Int] = [:]
        for token in tokens(output) { available[token, default: 0] += 1 }
        var found = 0
        for token in reference {
            if let count = available[token], count > 0 {
                available[token] = count - 1
                found += 1
            }
        }
        return Result(recall: Double(found) / Double(reference.count), found: found, referenceTokens: reference.count)
    }

    /// Normalised word tokens.
    public static func tokens(_ text: String) -> [String] {
        let normalized = text.precomposedStringWithCompatibilityMapping.lowercased()
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory.isMark {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }
}
