/// poppler's layout output lists right-to-left text (Arabic, Hebrew) in visual order: each
/// word's letters and the words of a run reversed. This restores the logical (reading) order
/// that search and embeddings need — a simplified bidi pass per line: a word of right-to-left
/// letters is reversed (by grapheme, so marks stay on their letters), then each run of such
/// words is reversed in place. Digits and Latin words keep their order.
enum RightToLeftText {
    static func logicalOrder(_ words: [PDFWord]) -> [PDFWord] {
        guard words.contains(where: { isRightToLeft($0.text) }) else { return words }
        var result = words.map { isRightToLeft($0.text) ? PDFWord(text: String($0.text.reversed()), box: $0.box) : $0 }
        var index = 0
        while index < result.count {
            guard isRightToLeft(result[index].text) else { index += 1; continue }
            var end = index
            while end + 1 < result.count, isRightToLeft(result[end + 1].text) { end += 1 }
            result[index...end].reverse()
            index = end + 1
        }
        return result
    }

    /// A word with right-to-left letters and no left-to-right letters.
    static func isRightToLeft(_ word: String) -> Bool {
        var rightToLeft = false
        for scalar in word.unicodeScalars {
            if isRightToLeftScalar(scalar) {
                rightToLeft = true
            } else if scalar.properties.isAlphabetic {
                return false
            }
        }
        return rightToLeft
    }

    private static func isRightToLeftScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }
}
