import Foundation

/// Normalises English transcripts before word error rate is computed, so that case,
/// punctuation and spelling conventions are not counted as recognition errors: lower case,
/// punctuation removed (apostrophes inside words kept), hyphens split words, integers spelled
/// out ("10" → "ten"), and common abbreviations expanded ("Mr." → "mister"). Applied to the
/// reference and to every engine's output alike.
public enum TranscriptNormalizer {
    public static func words(_ text: String) -> [String] {
        var cleaned = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" {
                cleaned.append(character)
            } else if character == "&" {
                cleaned.append(" and ")
            } else {
                cleaned.append(" ")
            }
        }
        var words: [String] = []
        for raw in cleaned.split(separator: " ") {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            guard !word.isEmpty else { continue }
            if let number = Int(word), number >= 0 {
                words.append(contentsOf: spelled(number))
            } else if let expansion = abbreviations[word] {
                words.append(expansion)
            } else {
                words.append(word)
            }
        }
        return words
    }

    static let abbreviations = ["mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint", "ok": "okay"]

    private static let ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                               "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    private static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// English words for an integer (below a billion; larger ones stay digits).
    static func spelled(_ number: Int) -> [String] {
        if number < 20 { return [ones[number]] }
        if number < 100 { return [tens[number / 10]] + (number % 10 == 0 ? [] : [ones[number % 10]]) }
        if number < 1000 { return [ones[number / 100], "hundred"] + (number % 100 == 0 ? [] : spelled(number % 100)) }
        for (size, name) in [(1_000_000, "million"), (1000, "thousand")] where number >= size {
            guard number < size * 1000 else { break }
            return spelled(number / size) + [name] + (number % size == 0 ? [] : spelled(number % size))
        }
        return [String(number)]
    }
}
