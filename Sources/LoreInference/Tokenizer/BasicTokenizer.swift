import Foundation

/// BERT's "basic" pre-tokenizer for uncased models: drops NUL, U+FFFD and control/format/
/// unassigned characters; splits on whitespace; puts every CJK ideograph on its own;
/// lower-cases and strips accents (NFD, then drops non-spacing marks); splits punctuation
/// into single-character words.
///
/// Words are produced one at a time so a caller that only needs the first few hundred tokens
/// of a 100 KB text stops early instead of normalising all of it.
struct BasicTokenizer: Sendable {
    /// Calls `body` with each word in order until it returns `false`.
    func forEachWord(in text: String, _ body: ([Unicode.Scalar]) -> Bool) {
        var pending: [Unicode.Scalar] = []
        pending.reserveCapacity(64)
        var stopped = false

        func flush() {
            guard !pending.isEmpty, !stopped else { pending.removeAll(keepingCapacity: true); return }
            stopped = !emitNormalised(pending, body)
            pending.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if stopped { return }
            let value = scalar.value
            if value < 0x80 {
                // ASCII fast path: lower-case here, no normalisation needed.
                switch value {
                case 0x09, 0x0A, 0x0D, 0x20: flush()
                case 0x00..<0x20, 0x7F: continue
                case 0x41...0x5A: pending.append(Unicode.Scalar(value + 0x20)!)
                default: pending.append(scalar)
                }
                continue
            }
            if value == 0xFFFD || Self.isControl(scalar) { continue }
            if scalar.properties.isWhitespace { flush(); continue }
            if Self.isCJK(value) {
                flush()
                if stopped { return }
                stopped = !body([scalar])
                continue
            }
            pending.append(scalar)
        }
        flush()
    }

    /// Lower-cases and strips accents of one whitespace-delimited token, then splits it on
    /// punctuation. Returns `false` when `body` asked to stop.
    private func emitNormalised(_ raw: [Unicode.Scalar], _ body: ([Unicode.Scalar]) -> Bool) -> Bool {
        let normalised: [Unicode.Scalar]
        if raw.allSatisfy({ $0.isASCII }) {
            normalised = raw
        } else {
            var text = String()
            text.unicodeScalars.append(contentsOf: raw)
            let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
            normalised = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        }
        var start = 0
        for (index, scalar) in normalised.enumerated() where Self.isPunctuation(scalar) {
            if start < index, !body(Array(normalised[start..<index])) { return false }
            if !body([scalar]) { return false }
            start = index + 1
        }
        if start < normalised.count { return body(Array(normalised[start...])) }
        return true
    }

    /// Control, format, unassigned, private-use and surrogate characters (Unicode "C*"),
    /// except the whitespace controls tab, newline and carriage return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// ASCII symbols count as punctuation (BERT's rule, so `$`, `^`, `` ` `` split too), plus
    /// every Unicode "P*" character.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT splits character by character (not kana or hangul,
    /// which are written with spaces or tokenized as words).
    static func isCJK(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x20000...0x2A6DF).contains(value) || (0x2A700...0x2B73F).contains(value)
            || (0x2B740...0x2B81F).contains(value) || (0x2B820...0x2CEAF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x2F800...0x2FA1F).contains(value)
    }
}
