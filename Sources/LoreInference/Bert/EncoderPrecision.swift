import CLinearKernels

/// Arithmetic of the encoder's linear layers (the other steps are always float32).
public enum EncoderPrecision: String, Sendable, CaseIterable {
    /// OpenBLAS `sgemm`: the reference model's own numbers (cosine ≥ 0.99999 to
    /// sentence-transformers).
    case float32
    /// Weights and activations rounded to bfloat16, products accumulated in float32 (AVX-512
    /// BF16): about twice as fast on this project's 2-core server, cosine ~0.9999 to float32.
    case bfloat16
    /// Weights quantized to int8 per output column, each token's activations to uint8 on the
    /// fly, products summed in int32 (AVX-512 VNNI): twice the multiply-adds per instruction of
    /// bfloat16, cosine ~0.997 to float32 (`docs/embeddings.md`).
    case int8

    /// Whether this CPU (and OS) can run `.bfloat16`.
    public static let bfloat16Available = lore_bf16_available() != 0
    /// Whether this CPU (and OS) can run `.int8`.
    public static let int8Available = lore_i8_available() != 0

    /// Whether this machine runs this precision.
    public var isAvailable: Bool {
        switch self {
        case .float32: return true
        case .bfloat16: return Self.bfloat16Available
        case .int8: return Self.int8Available
        }
    }

    /// What a machine without this precision lacks, for error messages.
    public var requirement: String {
        switch self {
        case .float32: return "nothing"
        case .bfloat16: return "a CPU with AVX-512 BF16"
        case .int8: return "a CPU with AVX-512 VNNI"
        }
    }

    /// The fastest precision this machine runs.
    public static var fastest: EncoderPrecision { [.int8, .bfloat16].first { $0.isAvailable } ?? .float32 }
}
