import Foundation
import LoreCore

/// The shape of a BERT encoder, read from the model's `config.json`.
public struct BertConfiguration: Sendable, Hashable, Decodable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float
    public var activation: String

    public var headSize: Int { hiddenSize / headCount }

    /// all-MiniLM-L6-v2.
    public static let miniLM = BertConfiguration(
        vocabularySize: 30522, hiddenSize: 384, layerCount: 6, headCount: 12, intermediateSize: 1536,
        maxPositions: 512, typeVocabularySize: 2, layerNormEpsilon: 1e-12, activation: "gelu")

    public init(
        vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
        maxPositions: Int, typeVocabularySize: Int, layerNormEpsilon: Float, activation: String
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
    }

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size", hiddenSize = "hidden_size", layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads", intermediateSize = "intermediate_size"
        case maxPositions = "max_position_embeddings", typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps", activation = "hidden_act"
    }

    /// Reads and checks `config.json`; only what this encoder implements is accepted.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LoreError(.modelMissing, "\(url.path): cannot read the model configuration")
        }
        do {
            self = try JSONDecoder().decode(BertConfiguration.self, from: data)
        } catch {
            throw LoreError(.modelCorrupt, "\(url.path): not a BERT configuration")
        }
        try validate(path: url.path)
    }

    func validate(path: String) throws {
        let vectorWidth = 16
        guard activation == "gelu",
              hiddenSize > 0, headCount > 0, hiddenSize % headCount == 0,
              hiddenSize % vectorWidth == 0, intermediateSize % vectorWidth == 0,
              layerCount > 0, vocabularySize > 0, maxPositions > 0, typeVocabularySize > 0,
              layerNormEpsilon > 0 else {
            throw LoreError(.modelCorrupt, "\(path): unsupported BERT configuration \(self)")
        }
    }
}
