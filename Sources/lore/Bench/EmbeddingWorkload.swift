import Foundation
import LoreCore
import LoreInference

/// The texts `lore bench embed` runs, shared with the Python reference as JSON: chunks of
/// exactly N tokens (including [CLS]/[SEP]) cut from real abstracts, and short real queries.
struct EmbeddingWorkload: Codable {
    /// Tokens per chunk (as a string key, for JSON) → chunks of exactly that many tokens.
    var chunks: [String: [String]]
    var batch_sizes: [Int]
    var queries: [String]
    var query_warmup: Int
    /// How many chunks per length both sides embed for the agreement check.
    var sample_count: Int
    /// Each cell is timed this many times and the fastest run counts (best-of-N tames a busy machine).
    var repeats: Int

    /// Cuts chunks from the Cranfield abstracts and queries in `data/retrieval/cranfield`.
    static func make(
        data: URL, tokenizer: BertTokenizer, lengths: [Int], batchSizes: [Int],
        tokensPerRun: Int, queryCount: Int, maxQueryTokens: Int, repeats: Int
    ) throws -> EmbeddingWorkload {
        let folder = data.appendingPathComponent("retrieval/cranfield")
        let abstracts = try readTexts(folder.appendingPathComponent("corpus.jsonl"))
        let questions = try readTexts(folder.appendingPathComponent("queries.jsonl"))
        let words = abstracts.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        guard !words.isEmpty, !questions.isEmpty else {
            throw LoreError(.invalidArgument, "\(folder.path) holds no texts")
        }
        let largestBatch = batchSizes.max() ?? 1
        var cursor = 0
        var chunks: [String: [String]] = [:]
        for length in lengths {
            // A whole number of the largest batch, so every batch size runs the same chunks.
            let count = max(1, (tokensPerRun / length + largestBatch - 1) / largestBatch) * largestBatch
            chunks[String(length)] = (0..<count).map { _ in
                exactChunk(tokens: length, words: words, cursor: &cursor, tokenizer: tokenizer)
            }
        }
        let queries = (0..<queryCount).map { index in
            truncate(questions[index % questions.count], maxTokens: maxQueryTokens, tokenizer: tokenizer)
        }
        return EmbeddingWorkload(chunks: chunks, batch_sizes: batchSizes, queries: queries,
                                 query_warmup: min(10, queries.count), sample_count: 8, repeats: repeats)
    }

    private static func readTexts(_ url: URL) throws -> [String] {
        guard let data = try? Data(contentsOf: url) else {
            throw LoreError(.notFound, "cannot read \(url.path) (pass the data folder with --data)")
        }
        struct Line: Decodable { var text: String }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            try? JSONDecoder().decode(Line.self, from: Data(line.utf8)).text
        }
    }

    /// Whole words whose pieces add up to exactly `tokens - 2`; words that would overshoot are
    /// skipped, so chunks are real running text with a few gaps.
    private static func exactChunk(tokens: Int, words: [String], cursor: inout Int, tokenizer: BertTokenizer) -> String {
        let budget = tokens - 2
        var picked: [String] = []
        var pieces = 0
        var misses = 0
        while pieces < budget {
            let word = words[cursor % words.count]
            cursor += 1
            let count = tokenizer.encode(word).count - 2
            if count > 0, pieces + count <= budget {
                picked.append(word)
                pieces += count
                misses = 0
            } else {
                misses += 1
                if misses > words.count { picked.append("the"); pieces += 1 }
            }
        }
        let text = picked.joined(separator: " ")
        precondition(tokenizer.encode(text).count == tokens, "chunk of \(tokens) tokens came out different")
        return text
    }

    /// The longest word prefix of `text` with at most `maxTokens` tokens.
    private static func truncate(_ text: String, maxTokens: Int, tokenizer: BertTokenizer) -> String {
        var kept: [Substring] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            let candidate = (kept + [word]).joined(separator: " ")
            if tokenizer.encode(candidate).count > maxTokens { break }
            kept.append(word)
        }
        return kept.joined(separator: " ")
    }
}
