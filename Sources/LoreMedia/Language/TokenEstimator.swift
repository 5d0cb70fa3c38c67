/// A cheap estimate of how many WordPiece tokens (BERT uncased, as all-MiniLM-L6-v2 uses) a
/// text becomes, for chunkers that must stay under a model's window without running the
/// tokenizer. Rule, per piece of text between spaces:
/// - each CJK character (Han, kana, Hangul, CJK punctuation, full-width forms): 1;
/// - each punctuation mark or symbol: 1;
/// - a word containing a digit: ⌈length / 2⌉ (numbers split into short pieces);
/// - any other word: 1 up to 8 characters, plus 1 per further 6 characters started, plus 1 for
///   a word of 6+ characters with non-ASCII letters (accents split more often).
/// On the reference sentences (English, code, accents, Japanese) it is within ±10 % of the
/// real count; chunkers should still leave a margin (special tokens are not counted).
public enum TokenEstimator {
    public static func estimate(_ text: String) -> Int {
        var tokens = 0
        var length = 0
        var hasDigit = false
        var hasNonASCII = false
        func endWord() {
            guard length > 0 else { return }
            if hasDigit {
                tokens += (length + 1) / 2
            } else {
                tokens += 1 + (length > 8 ? (length - 8 + 5) / 6 : 0) + (length >= 6 && hasNonASCII ? 1 : 0)
            }
            length = 0
            hasDigit = false
            hasNonASCII = false
        }
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if isCJK(scalar) {
                endWord()
                tokens += 1
            } else if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory.isMark {
                length += 1
                if properties.numericType != nil { hasDigit = true }
                if !scalar.isASCII { hasNonASCII = true }
            } else if properties.isWhitespace || scalar.value < 0x20 {
                endWord()
            } else {
                endWord()
                tokens += 1
            }
        }
        endWord()
        return tokens
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
