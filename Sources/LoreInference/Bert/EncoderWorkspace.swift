/// Scratch memory of one forward pass, sized for a number of packed tokens and reused from
/// pass to pass so the hot loop never allocates.
final class EncoderWorkspace {
    let tokenCapacity: Int
    /// Hidden state, one row per token of the packed batch.
    let hidden: FloatBuffer
    /// Query, key and value projections side by side: `[tokens, 3·hidden]`.
    let qkv: FloatBuffer
    /// Attention output before its projection: `[tokens, hidden]`.
    let context: FloatBuffer
    /// Output of a projection before the residual LayerNorm: `[tokens, hidden]`.
    let delta: FloatBuffer
    /// Feed-forward activations: `[tokens, intermediate]`.
    let intermediate: FloatBuffer
    /// Per worker thread: a `[maxLength, maxLength]` attention-score matrix, then one softmax
    /// normaliser per row.
    let scores: [FloatBuffer]
    /// A linear layer's input rounded to bfloat16 (`[tokens, intermediate]` at most), when the
    /// pass runs in `.bfloat16`.
    private(set) lazy var roundedInput = BFloat16Buffer(count: widestLayerInput)
    /// A linear layer's input quantized to uint8, and each row's scale, when the pass runs in `.int8`.
    private(set) lazy var quantizedInput = AlignedBuffer<UInt8>(count: widestLayerInput)
    private(set) lazy var inputScales = FloatBuffer(count: tokenCapacity)
    private let widestLayerInput: Int

    init(tokens: Int, maxSequenceLength: Int, configuration: BertConfiguration, workers: Int) {
        tokenCapacity = tokens
        let hidden = configuration.hiddenSize
        self.hidden = FloatBuffer(count: tokens * hidden)
        qkv = FloatBuffer(count: tokens * 3 * hidden)
        context = FloatBuffer(count: tokens * hidden)
        delta = FloatBuffer(count: tokens * hidden)
        intermediate = FloatBuffer(count: tokens * configuration.intermediateSize)
        scores = (0..<workers).map { _ in FloatBuffer(count: maxSequenceLength * (maxSequenceLength + 1)) }
        widestLayerInput = tokens * max(configuration.intermediateSize, hidden)
    }
}
