import LoreCore

/// Deterministic stand-in embeddings: a unit vector expanded from sha256(model, text), so equal
/// texts get equal vectors and different texts (almost surely) different ones.
public enum SimulatorVectors {
    public static func vector(for text: String, model: String, dimensions: Int) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(dimensions)
        var block = 0
        while values.count < dimensions {
            let digest = SHA256Digest.hash(Array("\(model)\u{0}\(block)\u{0}\(text)".utf8))
            for offset in stride(from: 0, to: digest.count, by: 4) where values.count < dimensions {
                let word = digest[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                values.append(Float(word) / Float(UInt32.max) * 2 - 1)
            }
            block += 1
        }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    /// Token count the simulator reports: about four bytes a token, at least one.
    public static func tokens(in text: String) -> Int { max(1, (text.utf8.count + 3) / 4) }

    /// Dimensions of a model when the request does not say (as OpenAI's models default).
    public static func defaultDimensions(of model: String) -> Int {
        model.contains("large") ? 3072 : 1536
    }
}
