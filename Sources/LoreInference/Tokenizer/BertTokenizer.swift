/// The uncased BERT tokenizer of all-MiniLM-L6-v2: basic pre-tokenization, WordPiece
/// (greedy longest match, `##` continuations, `[UNK]` for words it cannot cover or longer than
/// 100 characters), then `[CLS] … [SEP]`, truncated to `maxLength` tokens including both.
public struct BertTokenizer: Sendable {
    /// Words longer than this many characters become `[UNK]` (BERT's rule).
    public static let maxCharactersPerWord = 100

    public let vocabulary: WordPieceVocabulary
    public let maxLength: Int
    private let basic = BasicTokenizer()

    public init(vocabulary: WordPieceVocabulary, maxLength: Int) {
        precondition(maxLength >= 2, "room for [CLS] and [SEP] is needed")
        self.vocabulary = vocabulary
        self.maxLength = maxLength
    }

    /// Token ids of `text` as the model sees it: `[CLS]`, at most `maxLength - 2` pieces, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        let budget = maxLength - 2
        var ids: [Int32] = [vocabulary.classifierID]
        ids.reserveCapacity(min(maxLength, 64))
        basic.forEachWord(in: text) { word in
            appendPieces(of: word, to: &ids)
            return ids.count - 1 < budget
        }
        if ids.count - 1 > budget { ids.removeLast(ids.count - 1 - budget) }
        ids.append(vocabulary.separatorID)
        return ids
    }

    /// The token strings of `encode(text)`, for inspection and tests.
    public func tokens(_ text: String) -> [String] {
        encode(text).map { vocabulary.tokens[Int($0)] }
    }

    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        guard word.count <= Self.maxCharactersPerWord else {
            ids.append(vocabulary.unknownID)
            return
        }
        let firstPiece = ids.count
        var start = 0
        while start < word.count {
            var end = min(word.count, start + vocabulary.longestPiece)
            var match: Int32?
            while start < end {
                var candidate = String()
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary.id(of: candidate, continuation: start > 0) {
                    match = id
                    break
                }
                end -= 1
            }
            guard let match else {
                // One uncoverable piece makes the whole word unknown.
                ids.removeLast(ids.count - firstPiece)
                ids.append(vocabulary.unknownID)
                return
            }
            ids.append(match)
            start = end
        }
    }
}
