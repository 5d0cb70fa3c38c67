import CLinearKernels

/// Arithmetic of the encoder's linear layers (the other steps are always float32).
public enum EncoderPrecision: String, Sendable, CaseIterable {
    /// OpenBLAS `sgemm`: the reference model's own numbers (cosine ≥ 0.99999 to
    /// sentence-transformers).
    case float32
    /// float32 too, through Lore's AVX2/FMA kernel on weights packed once into 16-column panels
    /// (`lore_f32_linear`; only the order of the sums differs, cosine 0.9999999999 to
    /// `.float32`). OpenBLAS 0.3.21 packs both operands on every call, which for a query's ~15
    /// rows costs more than the product: on a 2-core AMD EPYC (Zen 1) MiniLM's layer shapes ran
    /// at 35 against 10 GFLOP/s a thread, a query's pass in 6.7 against 10.9 ms. Documents stay
    /// on `.float32`: with OpenBLAS's attention products after it, a 256-token batch ran 5–10 %
    /// slower (`docs/embeddings.md`).
    case float32Panels = "float32-panels"
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
    /// Whether this CPU (and OS) can run `.float32Panels` (AVX2 and FMA).
    public static let float32PanelsAvailable = lore_f32_available() != 0

    /// Whether this machine runs this precision.
    public var isAvailable: Bool {
        switch self {
        case .float32: return true
        case .bfloat16: return Self.bfloat16Available
        case .int8: return Self.int8Available
        case .float32Panels: return Self.float32PanelsAvailable
        }
    }

    /// What a machine without this precision lacks, for error messages.
    public var requirement: String {
        switch self {
        case .float32: return "nothing"
        case .bfloat16: return "a CPU with AVX-512 BF16"
        case .int8: return "a CPU with AVX-512 VNNI"
        case .float32Panels: return "a CPU with AVX2 and FMA"
        }
    }

    /// Whether the linear layers multiply float32 numbers (on either kernel).
    public var isFloat32: Bool { self == .float32 || self == .float32Panels }

    /// The fastest precision this machine runs: `.float32Panels` only without AVX-512, whose
    /// OpenBLAS kernels have twice its vector width.
    public static var fastest: EncoderPrecision {
        if let fastest = [EncoderPrecision.int8, .bfloat16].first(where: \.isAvailable) { return fastest }
        return lore_f32_preferred() != 0 ? .float32Panels : .float32
    }
}
