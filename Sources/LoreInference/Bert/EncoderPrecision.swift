import CBFloat16

/// Arithmetic of the encoder's linear layers (the other steps are always float32).
public enum EncoderPrecision: String, Sendable, CaseIterable {
    /// OpenBLAS `sgemm`: the reference model's own numbers (cosine ≥ 0.99999 to
    /// sentence-transformers).
    case float32
    /// Weights and activations rounded to bfloat16, products accumulated in float32 (AVX-512
    /// BF16): about twice as fast on this project's 2-core server, cosine ~0.9999 to float32.
    case bfloat16

    /// Whether this CPU (and OS) can run `.bfloat16`.
    public static let bfloat16Available = lore_bf16_available() != 0

    /// The fastest precision this machine runs.
    public static var fastest: EncoderPrecision { bfloat16Available ? .bfloat16 : .float32 }
}
