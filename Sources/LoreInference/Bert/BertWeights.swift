import CLinearKernels
import LoreCore

/// The encoder's parameters, copied out of the safetensors file into aligned memory.
///
/// Linear weights stay in the file's `[out, in]` layout (products use `x · Wᵀ`). The query,
/// key and value projections are stacked into one `[3·hidden, hidden]` matrix so each layer
/// starts with a single, larger matrix product. `pooler.*` is not loaded: sentence embeddings
/// mean-pool the last hidden state. For a `.float32Panels`, `.bfloat16` or `.int8` precision,
/// each layer's linear weights are also packed for that kernel (as large as, a half or a
/// quarter of the float32 copy, which stays for float32 passes).
final class BertWeights: Sendable {
    struct Layer: Sendable {
        let qkvWeight: FloatBuffer, qkvBias: FloatBuffer
        let attentionOutputWeight: FloatBuffer, attentionOutputBias: FloatBuffer
        let attentionNormGamma: FloatBuffer, attentionNormBeta: FloatBuffer
        let intermediateWeight: FloatBuffer, intermediateBias: FloatBuffer
        let outputWeight: FloatBuffer, outputBias: FloatBuffer
        let outputNormGamma: FloatBuffer, outputNormBeta: FloatBuffer
        /// The four linear weights in the layout of the kernel of `BertWeights.packing`, if any.
        var packed: PackedWeights?
    }

    /// A layer's linear weights packed by `lore_f32_pack` or `lore_bf16_pack`, or quantized by `lore_i8_pack`.
    enum PackedWeights: Sendable {
        case float32Panels(PackedLinears<FloatBuffer>)
        case bfloat16(PackedLinears<BFloat16Buffer>)
        case int8(PackedLinears<Int8Weight>)
    }

    /// The four linear layers of an encoder layer.
    enum LinearSlot { case qkv, attentionOutput, intermediate, output }

    /// A layer's four linear weights in a kernel's own layout.
    struct PackedLinears<Packed: Sendable>: Sendable {
        let qkv: Packed, attentionOutput: Packed, intermediate: Packed, output: Packed

        subscript(slot: LinearSlot) -> Packed {
            switch slot {
            case .qkv: return qkv
            case .attentionOutput: return attentionOutput
            case .intermediate: return intermediate
            case .output: return output
            }
        }

        init(_ layer: Layer, hidden: Int, inner: Int, pack: (FloatBuffer, _ outputs: Int, _ inputs: Int) -> Packed) {
            qkv = pack(layer.qkvWeight, 3 * hidden, hidden)
            attentionOutput = pack(layer.attentionOutputWeight, hidden, hidden)
            intermediate = pack(layer.intermediateWeight, inner, hidden)
            output = pack(layer.outputWeight, hidden, inner)
        }
    }

    let configuration: BertConfiguration
    let wordEmbeddings: FloatBuffer
    let positionEmbeddings: FloatBuffer
    /// Row 0 of the token-type table: every token of a single-segment input has type 0.
    let tokenTypeEmbedding: FloatBuffer
    let embeddingNormGamma: FloatBuffer
    let embeddingNormBeta: FloatBuffer
    let layers: [Layer]
    /// The precision besides float32 these weights are packed for (`.float32`: none).
    let packing: EncoderPrecision

    /// `packedFor`: the precision of the passes besides float32 ones (`.float32`: none).
    init(file: SafetensorsFile, configuration: BertConfiguration, packedFor precision: EncoderPrecision = .float32) throws {
        self.configuration = configuration
        self.packing = precision
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize

        func tensor(_ name: String, _ shape: [Int]) throws -> FloatBuffer {
            let buffer = FloatBuffer(count: shape.reduce(1, *))
            try file.copyFloats(name, shape: shape, into: buffer.pointer)
            return buffer
        }

        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [configuration.vocabularySize, hidden])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [configuration.maxPositions, hidden])
        let typeTable = try tensor("embeddings.token_type_embeddings.weight", [configuration.typeVocabularySize, hidden])
        tokenTypeEmbedding = FloatBuffer(count: hidden)
        tokenTypeEmbedding.pointer.update(from: typeTable.pointer, count: hidden)
        embeddingNormGamma = try tensor("embeddings.LayerNorm.weight", [hidden])
        embeddingNormBeta = try tensor("embeddings.LayerNorm.bias", [hidden])

        let panel = Int(LORE_PANEL_COLUMNS)
        if precision != .float32 {
            guard hidden % panel == 0, inner % panel == 0 else {
                throw LoreError(.configuration, "\(precision.rawValue) products need layer widths that are multiples of \(panel); this model has \(hidden) and \(inner)")
            }
        }

        layers = try (0..<configuration.layerCount).map { index in
            let prefix = "encoder.layer.\(index)."
            let qkvWeight = FloatBuffer(count: 3 * hidden * hidden)
            let qkvBias = FloatBuffer(count: 3 * hidden)
            for (slot, part) in ["query", "key", "value"].enumerated() {
                try file.copyFloats(prefix + "attention.self.\(part).weight", shape: [hidden, hidden],
                                    into: qkvWeight.pointer + slot * hidden * hidden)
                try file.copyFloats(prefix + "attention.self.\(part).bias", shape: [hidden],
                                    into: qkvBias.pointer + slot * hidden)
            }
            var layer = Layer(
                qkvWeight: qkvWeight, qkvBias: qkvBias,
                attentionOutputWeight: try tensor(prefix + "attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try tensor(prefix + "attention.output.dense.bias", [hidden]),
                attentionNormGamma: try tensor(prefix + "attention.output.LayerNorm.weight", [hidden]),
                attentionNormBeta: try tensor(prefix + "attention.output.LayerNorm.bias", [hidden]),
                intermediateWeight: try tensor(prefix + "intermediate.dense.weight", [inner, hidden]),
                intermediateBias: try tensor(prefix + "intermediate.dense.bias", [inner]),
                outputWeight: try tensor(prefix + "output.dense.weight", [hidden, inner]),
                outputBias: try tensor(prefix + "output.dense.bias", [hidden]),
                outputNormGamma: try tensor(prefix + "output.LayerNorm.weight", [hidden]),
                outputNormBeta: try tensor(prefix + "output.LayerNorm.bias", [hidden]))
            switch precision {
            case .float32:
                break
            case .float32Panels:
                layer.packed = .float32Panels(PackedLinears(layer, hidden: hidden, inner: inner) { weight, outputs, inputs in
                    let panels = FloatBuffer(count: outputs * inputs)
                    lore_f32_pack(weight.pointer, Int32(outputs), Int32(inputs), panels.pointer)
                    return panels
                })
            case .bfloat16:
                layer.packed = .bfloat16(PackedLinears(layer, hidden: hidden, inner: inner) { weight, outputs, inputs in
                    let panels = BFloat16Buffer(count: outputs * inputs)
                    lore_bf16_pack(weight.pointer, Int32(outputs), Int32(inputs), panels.pointer)
                    return panels
                })
            case .int8:
                layer.packed = .int8(PackedLinears(layer, hidden: hidden, inner: inner) { weight, outputs, inputs in
                    let quantized = Int8Weight(outputs: outputs, inputs: inputs)
                    lore_i8_pack(weight.pointer, Int32(outputs), Int32(inputs), quantized.packed.pointer, quantized.scales.pointer,
                                 quantized.sums.pointer)
                    return quantized
                })
            }
            return layer
        }
    }
}
