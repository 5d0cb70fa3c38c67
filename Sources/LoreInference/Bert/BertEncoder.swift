import CBLAS

/// The BERT encoder forward pass with mean pooling and L2 normalisation (sentence embeddings).
///
/// A batch is *packed*: the token rows of all sequences are stacked without padding, so every
/// matrix product works on real tokens only, and attention runs per sequence and head over that
/// sequence's own rows. This is the padding mask made implicit — no padded position is ever
/// computed, attended to or pooled — and it makes grouping by length unnecessary.
///
/// Not thread-safe: one owner thread drives it (see `EmbeddingWorker`); it parallelises each
/// step itself over its `ComputeTeam`.
final class BertEncoder {
    let weights: BertWeights
    /// The threads of a pass unless `encode` is given others; sizes the per-worker scratch.
    let team: ComputeTeam
    let maxSequenceLength: Int
    /// Largest workspace grown for (tokens); a bigger pass gets exactly what it needs.
    let workspaceLimit: Int
    /// Stage timers, when profiling is on.
    let profiler: EncoderProfiler?
    private var workspace: EncoderWorkspace?

    init(weights: BertWeights, team: ComputeTeam, maxSequenceLength: Int, workspaceLimit: Int, profile: Bool = false) {
        precondition(maxSequenceLength <= weights.configuration.maxPositions)
        self.weights = weights
        self.team = team
        self.maxSequenceLength = maxSequenceLength
        self.workspaceLimit = workspaceLimit
        self.profiler = profile ? EncoderProfiler(workers: team.size) : nil
    }

    /// Runs `body` and, when profiling, charges its time to `stage` for `worker`.
    @inline(__always)
    private func timed(_ stage: EncoderStage, worker: Int, _ body: () -> Void) {
        guard let profiler else { return body() }
        let started = EncoderProfiler.now()
        body()
        profiler.add(stage, worker: worker, from: started, to: EncoderProfiler.now())
    }

    var configuration: BertConfiguration { weights.configuration }

    /// Embeds token sequences (each 1…`maxSequenceLength` ids below the vocabulary size) into
    /// `output`, which holds `sequences.count × hidden` floats: one unit vector per sequence.
    /// `.bfloat16` and `.int8` need weights loaded with that packing. `passTeam` (at most `team`'s
    /// size) runs the pass on other threads, such as a smaller team for queries.
    func encode(_ sequences: [[Int32]], precision: EncoderPrecision = .float32, team passTeam: ComputeTeam? = nil,
                into output: UnsafeMutablePointer<Float>) {
        precondition(precision == .float32 || precision == weights.packing, "\(precision.rawValue) weights were not packed")
        precondition((passTeam?.size ?? 0) <= team.size, "a pass's team may not outnumber the workspace's workers")
        let team = passTeam ?? self.team
        var offsets: [Int] = []
        offsets.reserveCapacity(sequences.count + 1)
        var total = 0
        for sequence in sequences {
            precondition(!sequence.isEmpty && sequence.count <= maxSequenceLength)
            precondition(sequence.allSatisfy { $0 >= 0 && Int($0) < configuration.vocabularySize })
            offsets.append(total)
            total += sequence.count
        }
        offsets.append(total)
        let work = reserveWorkspace(tokens: total)

        embedTokens(sequences, offsets: offsets, into: work.hidden.pointer, team: team)
        for layer in weights.layers {
            runLayer(layer, precision: precision, offsets: offsets, tokens: total, work: work, team: team)
        }
        pool(work.hidden.pointer, offsets: offsets, into: output, team: team)
    }

    /// Grows the workspace (doubling, up to the limit) when a pass needs more room; never shrinks it.
    private func reserveWorkspace(tokens: Int) -> EncoderWorkspace {
        if let existing = workspace, existing.tokenCapacity >= tokens { return existing }
        let capacity = max(tokens, min(workspaceLimit, max((workspace?.tokenCapacity ?? 0) * 2, 64)))
        let created = EncoderWorkspace(tokens: capacity, maxSequenceLength: maxSequenceLength,
                                       configuration: configuration, workers: team.size)
        workspace = created
        return created
    }

    /// word + position + token-type embeddings, then LayerNorm.
    private func embedTokens(_ sequences: [[Int32]], offsets: [Int], into hidden: UnsafeMutablePointer<Float>, team: ComputeTeam) {
        let size = configuration.hiddenSize
        let epsilon = configuration.layerNormEpsilon
        let words = weights.wordEmbeddings.pointer, positions = weights.positionEmbeddings.pointer
        let type = UnsafePointer(weights.tokenTypeEmbedding.pointer)
        let gamma = UnsafePointer(weights.embeddingNormGamma.pointer), beta = UnsafePointer(weights.embeddingNormBeta.pointer)
        sequences.withUnsafeBufferPointer { sequences in
            team.parallel(sequences.count) { index, worker in
                timed(.embedding, worker: worker) {
                    sequences[index].withUnsafeBufferPointer { ids in
                        for position in 0..<ids.count {
                            let row = hidden + (offsets[index] + position) * size
                            let word = words + Int(ids[position]) * size, place = positions + position * size
                            for i in 0..<size { row[i] = word[i] + place[i] + type[i] }
                            VectorKernels.layerNorm(row, gamma: gamma, beta: beta, count: size, epsilon: epsilon)
                        }
                    }
                }
            }
        }
    }

    private func runLayer(_ layer: BertWeights.Layer, precision: EncoderPrecision, offsets: [Int], tokens: Int, work: EncoderWorkspace,
                          team: ComputeTeam) {
        let size = configuration.hiddenSize, inner = configuration.intermediateSize
        let hidden = work.hidden.pointer
        func weight(_ float32: FloatBuffer, _ slot: BertWeights.LinearSlot) -> MatrixProduct.Weight {
            switch (precision, layer.packed) {
            case (.float32, _):
                return .float32(float32.pointer)
            case (.float32Panels, .float32Panels(let linears)?):
                return .float32Panels(linears[slot].pointer)
            case (.bfloat16, .bfloat16(let linears)?):
                return .bfloat16(packed: linears[slot].pointer, roundedInput: work.roundedInput.pointer)
            case (.int8, .int8(let linears)?):
                return .int8(linears[slot], quantizedInput: work.quantizedInput.pointer, inputScales: work.inputScales.pointer)
            default:
                preconditionFailure("\(precision.rawValue) weights were not packed")  // `encode` checked `weights.packing`
            }
        }

        MatrixProduct.linear(hidden, rows: tokens, inputs: size, weight: weight(layer.qkvWeight, .qkv), outputs: 3 * size,
                             into: work.qkv.pointer, epilogue: .bias(layer.qkvBias.pointer), team: team, profiler: profiler)
        attend(offsets: offsets, work: work, team: team)
        MatrixProduct.linear(work.context.pointer, rows: tokens, inputs: size, weight: weight(layer.attentionOutputWeight, .attentionOutput),
                             outputs: size, into: work.delta.pointer, epilogue: .none, team: team, profiler: profiler)
        residualNorm(tokens: tokens, work: work, team: team, bias: layer.attentionOutputBias,
                     gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
        MatrixProduct.linear(hidden, rows: tokens, inputs: size, weight: weight(layer.intermediateWeight, .intermediate), outputs: inner,
                             into: work.intermediate.pointer, epilogue: .biasGELU(layer.intermediateBias.pointer), team: team, profiler: profiler)
        MatrixProduct.linear(work.intermediate.pointer, rows: tokens, inputs: inner, weight: weight(layer.outputWeight, .output),
                             outputs: size, into: work.delta.pointer, epilogue: .none, team: team, profiler: profiler)
        residualNorm(tokens: tokens, work: work, team: team, bias: layer.outputBias,
                     gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
    }

    /// Scaled dot-product attention for every (sequence, head) pair: scores = Q·Kᵀ/√d with
    /// sgemm, row softmax, context = P·V with sgemm, written into that head's columns.
    private func attend(offsets: [Int], work: EncoderWorkspace, team: ComputeTeam) {
        let size = configuration.hiddenSize, heads = configuration.headCount, width = configuration.headSize
        let stride = 3 * size
        let scale = 1 / Float(width).squareRoot()
        let qkv = work.qkv.pointer, context = work.context.pointer
        let sequenceCount = offsets.count - 1
        work.scores.withUnsafeBufferPointer { scratch in
            team.parallel(sequenceCount * heads) { unit, worker in
                let sequence = unit / heads, head = unit % heads
                let start = offsets[sequence], length = offsets[sequence + 1] - start
                let query = qkv + start * stride + head * width
                let key = query + size, value = query + 2 * size
                let scores = scratch[worker].pointer
                let inverseSums = scratch[worker].pointer + length * length
                timed(.attentionGEMM, worker: worker) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(length), Int32(length), Int32(width),
                                scale, query, Int32(stride), key, Int32(stride), 0, scores, Int32(length))
                }
                timed(.softmax, worker: worker) {
                    for row in 0..<length {
                        inverseSums[row] = VectorKernels.exponentiateShiftedByMaximum(scores + row * length, count: length)
                    }
                }
                let output = context + start * size + head * width
                timed(.attentionGEMM, worker: worker) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(length), Int32(width), Int32(length),
                                1, scores, Int32(length), value, Int32(stride), 0, output, Int32(size))
                }
                // The softmax division, applied to the head's context rows instead of the scores.
                timed(.softmax, worker: worker) {
                    for row in 0..<length { VectorKernels.scale(output + row * size, count: width, by: inverseSums[row]) }
                }
            }
        }
    }

    /// `hidden = LayerNorm(hidden + delta + bias)`, in row blocks.
    private func residualNorm(tokens: Int, work: EncoderWorkspace, team: ComputeTeam, bias: FloatBuffer, gamma: FloatBuffer, beta: FloatBuffer) {
        let size = configuration.hiddenSize, epsilon = configuration.layerNormEpsilon
        let hidden = work.hidden.pointer, delta = work.delta.pointer
        let blockRows = 32
        team.parallel((tokens + blockRows - 1) / blockRows) { block, worker in
            timed(.layerNorm, worker: worker) {
                for row in (block * blockRows)..<min(tokens, (block + 1) * blockRows) {
                    VectorKernels.residualLayerNorm(hidden + row * size, adding: delta + row * size, bias: bias.pointer,
                                                    gamma: gamma.pointer, beta: beta.pointer, count: size, epsilon: epsilon)
                }
            }
        }
    }

    /// Mean over each sequence's tokens, then L2 normalisation.
    private func pool(_ hidden: UnsafeMutablePointer<Float>, offsets: [Int], into output: UnsafeMutablePointer<Float>, team: ComputeTeam) {
        let size = configuration.hiddenSize
        team.parallel(offsets.count - 1) { sequence, worker in
            timed(.pooling, worker: worker) {
                let target = output + sequence * size
                target.update(repeating: 0, count: size)
                for row in offsets[sequence]..<offsets[sequence + 1] {
                    VectorKernels.addBias(target, hidden + row * size, count: size)
                }
                var squares: Float = 0
                for i in 0..<size { squares += target[i] * target[i] }
                // The mean's 1/n cancels in the normalisation; only the norm matters.
                let inverse = squares > 0 ? 1 / squares.squareRoot() : 0
                for i in 0..<size { target[i] *= inverse }
            }
        }
    }
}
