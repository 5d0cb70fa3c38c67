/// Codes and identifiers that stemming and tokenising break (`PPR-9087`, `v2.3.1`,
/// `ERR_CONN_RESET`, `0x1F`, `192.168.0.1`): indexed exactly, lower-cased, and matched exactly
/// at query time. The same function runs on content and on queries, so both agree.
public enum IdentifierTokens {
    /// Tokens of `text` that look like identifiers: runs of letters/digits joined by `- _ . : /`
    /// that contain a digit or a joiner inside, or words mixing letters and digits.
    public static func extract(_ text: String, limit: Int = 256) -> [String] {
        var tokens: [String] = []
        var seen = Set<String>()
        var current = ""

        func flush() {
            defer { current = "" }
            var token = current
            while let last = token.last, isJoiner(last) { token.removeLast() }
            while let first = token.first, isJoiner(first) { token.removeFirst() }
            guard token.count >= 2, token.count <= 64 else { return }
            let hasDigit = token.contains(where: \.isNumber)
            let hasLetter = token.contains(where: \.isLetter)
            let hasJoiner = token.contains(where: isJoiner)
            guard hasDigit && (hasLetter || hasJoiner) || (hasJoiner && hasLetter && token.contains("_")) else { return }
            let lowered = token.lowercased()
            if seen.insert(lowered).inserted, tokens.count < limit { tokens.append(lowered) }
        }

        for character in text {
            if (character.isLetter || character.isNumber) && character.isASCII {
                current.append(character)
            } else if isJoiner(character), !current.isEmpty {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    static func isJoiner(_ character: Character) -> Bool {
        character == "-" || character == "_" || character == "." || character == ":" || character == "/"
    }
}
