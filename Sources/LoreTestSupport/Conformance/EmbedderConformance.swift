import LoreCore

/// The contract every `Embedder` must keep, checked the same way for each implementation
/// (local MiniLM, OpenAI-compatible providers): one vector per text in order, of
/// `model.dimensions` finite unit-length floats, the same vector for the same text, different
/// vectors for different texts, and nothing for no texts.
public enum EmbedderConformance {
    /// Returns the broken promises (empty when the embedder conforms).
    public static func problems(of embedder: any Embedder) async throws -> [String] {
        var problems: [String] = []
        let texts = ["The cat sat on the mat.", "Quarterly revenue grew by 12 percent.", "The cat sat on the mat.",
                     "Ünïcödé, 東京, emoji 🚀 and punctuation!?"]
        let vectors = try await embedder.embed(texts)
        if vectors.count != texts.count { problems.append("\(vectors.count) vectors for \(texts.count) texts") }
        for (index, vector) in vectors.enumerated() {
            if vector.count != embedder.model.dimensions {
                problems.append("vector \(index) has \(vector.count) dimensions, model says \(embedder.model.dimensions)")
            }
            if !vector.allSatisfy({ $0.isFinite }) { problems.append("vector \(index) has non-finite values") }
            let norm = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            if abs(norm - 1) > 1e-3 { problems.append("vector \(index) has length \(norm), not 1") }
        }
        if vectors.count == texts.count {
            if maxDifference(vectors[0], vectors[2]) > 1e-5 { problems.append("the same text gave different vectors") }
            if maxDifference(vectors[0], vectors[1]) < 1e-3 { problems.append("different texts gave the same vector") }
            // Order is kept: embedding alone gives the same vector as in the batch.
            let alone = try await embedder.embed([texts[1]])
            if alone.count != 1 || maxDifference(alone[0], vectors[1]) > 1e-4 { problems.append("a text embedded alone differs from the batch") }
        }
        if try await !embedder.embed([]).isEmpty { problems.append("no texts did not give no vectors") }
        return problems
    }

    private static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
