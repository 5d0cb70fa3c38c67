import Foundation
import LoreCore

/// pgvector's text form (`[1,2,3]`), bound as text and cast in SQL: PostgresNIO has no codec
/// for `vector`, and the text form is exact for Float.
enum VectorText {
    static func encode(_ vector: [Float]) -> String {
        "[" + vector.map { $0.isFinite ? "\($0)" : "0" }.joined(separator: ",") + "]"
    }

    static func decode(_ text: String) -> [Float] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { Float($0) }
    }

    /// The chunk column and SQL type holding vectors of a strategy.
    static func column(_ strategy: EmbeddingStrategy) -> (name: String, type: String) {
        switch strategy {
        case .lightweight: return ("embedding_384", "vector(384)")
        case .standard: return ("embedding_1536", "vector(1536)")
        case .highQuality: return ("embedding_3072", "halfvec(3072)")
        }
    }
}
