import Foundation
import LoreCore
import LoreDatabase

/// How Lore reads a keyword query. Plain words match any-of and rank by BM25, so a question in
/// natural language finds documents that share its rare words. Search syntax the user typed —
/// a "quoted phrase", an -excluded word or -"phrase", `or` — is kept as a constraint that every
/// result must satisfy (PostgreSQL's `websearch_to_tsquery` reads it); excluded words never score.
/// Identifiers (`PPR-9087`, `v2.3.1`) match exactly through their own index rather than as the
/// word pieces full-text parsing makes of them (`ppr`, `9087`), which other tickets share.
public struct KeywordQuery: Sendable, Equatable {
    public var scoringText: String
    public var constraint: String?
    /// The positive words joined with `or`, for highlighting whichever of them a result contains.
    public var highlightText: String

    public init(_ query: String) {
        var words: [Substring] = []
        var hasSyntax = false
        var excluding = false
        var inPhrase = false
        var phraseExcluded = false
        for token in query.split(whereSeparator: \.isWhitespace) {
            var word = token
            if !inPhrase, word.hasPrefix("-"), word.count > 1 {
                hasSyntax = true
                excluding = true
                word = word.dropFirst()
            }
            if word.hasPrefix("\"") {
                hasSyntax = true
                inPhrase = true
                phraseExcluded = excluding
            }
            let closesPhrase = inPhrase && word.dropFirst(word.hasPrefix("\"") ? 1 : 0).contains("\"")
            if !inPhrase, word.lowercased() == "or" {
                hasSyntax = true
            } else if !(excluding || (inPhrase && phraseExcluded)) {
                let bare = Substring(word.filter { $0 != "\"" })
                if !bare.isEmpty { words.append(bare) }
            }
            if closesPhrase { inPhrase = false; phraseExcluded = false }
            if !inPhrase { excluding = false }
        }
        identifiers = IdentifierTokens.extract(words.joined(separator: " "))
        let identifierSet = Set(identifiers)
        scoringText = words.filter { !Self.isIdentifier($0, among: identifierSet) }.joined(separator: " ")
        constraint = hasSyntax ? query : nil
        highlightText = words.joined(separator: " or ")
    }

    /// Exact identifier tokens of the positive words.
    public var identifiers: [String]

    /// The query as the database runs it.
    public var search: KeywordSearchQuery {
        KeywordSearchQuery(scoringText: scoringText, constraint: constraint, identifiers: identifiers)
    }

    /// A word that is one identifier, apart from punctuation around it ("PPR-9087," or "(v2.3.1)").
    static func isIdentifier(_ word: Substring, among identifiers: Set<String>) -> Bool {
        let trimmed = word.trimmingCharacters(in: .punctuationCharacters.union(.symbols)).lowercased()
        return identifiers.contains(trimmed)
    }
}
