import CLinearKernels
import CBLAS

/// `C = A · Wᵀ` for a linear layer (A: rows × k, W: n × k as stored by PyTorch, C: rows × n),
/// through OpenBLAS `cblas_sgemm` or one of `CLinearKernels`' (float32 panels, bfloat16, int8),
/// split over a `ComputeTeam`.
///
/// Many rows (a batch) are split by rows, so each thread runs a full-width product on its own
/// block; few rows (a short query) are split by output columns, so both threads still share
/// the work and each streams only half of the weights. The epilogue (bias, GELU) runs on the
/// block a thread has just written, while it is still in cache.
struct MatrixProduct {
    enum Epilogue {
        case none
        case bias(UnsafePointer<Float>)
        case biasGELU(UnsafePointer<Float>)

        var stage: EncoderStage {
            switch self {
            case .none, .bias: return .bias
            case .biasGELU: return .gelu
            }
        }
    }

    /// A layer's weight as a product reads it.
    enum Weight {
        /// `[n, k]` floats, multiplied by `sgemm`.
        case float32(UnsafePointer<Float>)
        /// Panels from `lore_f32_pack`, multiplied by `lore_f32_linear`.
        case float32Panels(UnsafePointer<Float>)
        /// Panels from `lore_bf16_pack`; the input is first rounded into `roundedInput` (rows × k).
        case bfloat16(packed: UnsafePointer<UInt16>, roundedInput: UnsafeMutablePointer<UInt16>)
        /// A layer from `lore_i8_pack`; the input is first quantized into `quantizedInput`
        /// (rows × k) with one scale per row in `inputScales`.
        case int8(Int8Weight, quantizedInput: UnsafeMutablePointer<UInt8>, inputScales: UnsafeMutablePointer<Float>)
    }

    /// Below this many rows per thread, splitting by columns uses the threads better.
    static let minimumRowsPerThread = 48
    /// Row blocks of a large product: big enough for sgemm to run at full speed, small enough
    /// that a thread slowed by another process leaves its share to the others.
    static let rowsPerPiece = 256

    static func linear(
        _ input: UnsafePointer<Float>, rows: Int, inputs k: Int,
        weight: Weight, outputs n: Int,
        into output: UnsafeMutablePointer<Float>, epilogue: Epilogue, team: ComputeTeam, profiler: EncoderProfiler?
    ) {
        switch weight {
        case .float32, .float32Panels: break
        case .bfloat16(_, let rounded): lore_bf16_convert(input, rows * k, rounded)
        case .int8(_, let quantized, let scales): lore_i8_quantize(input, Int32(rows), Int32(k), quantized, scales)
        }
        let threads = team.size
        let pieces: Int
        let piece: (Int) -> (rows: Range<Int>, columns: Range<Int>)
        if threads > 1, rows >= minimumRowsPerThread * threads {
            let count = max(threads, (rows + rowsPerPiece - 1) / rowsPerPiece)
            pieces = count
            piece = { ((rows * $0 / count)..<(rows * ($0 + 1) / count), 0..<n) }
        } else {
            // Column blocks that are whole panels (32 columns) of the bfloat16 and int8 kernels (two of
            // the float32 kernel's) also keep the vector epilogue aligned to lanes.
            let panel = Int(LORE_PANEL_COLUMNS)
            let width = ((n + threads - 1) / threads + panel - 1) / panel * panel
            pieces = threads
            piece = { (0..<rows, min(n, $0 * width)..<min(n, ($0 + 1) * width)) }
        }
        team.parallel(pieces) { index, worker in
            let (block, columns) = piece(index)
            guard !block.isEmpty, !columns.isEmpty else { return }
            let started = profiler == nil ? 0 : EncoderProfiler.now()
            multiply(input, rows: block, columns: columns, k: k, weight: weight, n: n, into: output)
            let multiplied = profiler == nil ? 0 : EncoderProfiler.now()
            apply(epilogue, to: output + block.lowerBound * n, rows: block.count, ldc: n, columns: columns)
            profiler?.record(epilogue, worker: worker, started: started, multiplied: multiplied)
        }
    }

    /// The block `rows` × `columns` of the product, written into `output` (whose rows are `n` apart).
    private static func multiply(
        _ input: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>, k: Int, weight: Weight, n: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        let target = output + rows.lowerBound * n
        switch weight {
        case .float32(let weight):
            gemm(input + rows.lowerBound * k, rows: rows.count, k: k, weight: weight + columns.lowerBound * k, n: columns.count,
                 output: target + columns.lowerBound, ldc: n)
        case .float32Panels(let packed):
            lore_f32_linear(input + rows.lowerBound * k, Int32(rows.count), Int32(k), packed, Int32(columns.lowerBound),
                            Int32(columns.count), target, Int32(n))
        case .bfloat16(let packed, let rounded):
            lore_bf16_linear(rounded + rows.lowerBound * k, Int32(rows.count), Int32(k), packed, Int32(columns.lowerBound),
                             Int32(columns.count), target, Int32(n))
        case .int8(let layer, let quantized, let scales):
            lore_i8_linear(quantized + rows.lowerBound * k, scales + rows.lowerBound, Int32(rows.count), Int32(k), layer.packed.pointer,
                           layer.scales.pointer, layer.sums.pointer, Int32(columns.lowerBound), Int32(columns.count), target, Int32(n))
        }
    }

    /// OpenBLAS packs both operands of every sgemm; with few rows, packing the weights costs
    /// about as much as the product (a 16-token query's layers ran at ~64 GFLOP/s a thread). Its
    /// small-matrix kernel packs nothing and runs at ~100 GFLOP/s, but only takes small
    /// products — on 0.3.21 (this machine, measured) up to M·N ≤ 1,024 and M·N·K ≤ 10⁶ — so the
    /// product of at most 64 rows is cut into column blocks of that size.
    static func gemm(
        _ a: UnsafePointer<Float>, rows: Int, k: Int, weight: UnsafePointer<Float>, n: Int,
        output: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let block = smallKernelColumns(rows: rows, k: k)
        guard block > 0, n > block else {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(k),
                        1, a, Int32(k), weight, Int32(k), 0, output, Int32(ldc))
            return
        }
        for first in stride(from: 0, to: n, by: block) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(min(block, n - first)), Int32(k),
                        1, a, Int32(k), weight + first * k, Int32(k), 0, output + first, Int32(ldc))
        }
    }

    /// Columns per block for OpenBLAS's small-matrix kernel (a multiple of 16), or 0 when the
    /// product is better left whole.
    static func smallKernelColumns(rows: Int, k: Int) -> Int {
        guard rows >= 1, rows <= 64, k >= 1 else { return 0 }
        let columns = min(1_024 / rows, 1_000_000 / (rows * k)) / 16 * 16
        return columns >= 16 ? columns : 0
    }

    private static func apply(
        _ epilogue: Epilogue, to output: UnsafeMutablePointer<Float>, rows: Int, ldc: Int, columns: Range<Int>
    ) {
        switch epilogue {
        case .none:
            return
        case .bias(let bias):
            for row in 0..<rows {
                VectorKernels.addBias(output + row * ldc + columns.lowerBound, bias + columns.lowerBound, count: columns.count)
            }
        case .biasGELU(let bias):
            for row in 0..<rows {
                VectorKernels.addBiasGELU(output + row * ldc + columns.lowerBound, bias + columns.lowerBound, count: columns.count)
            }
        }
    }
}

extension EncoderProfiler {
    /// Attributes one piece of a linear layer: the product, then its epilogue.
    @inline(__always)
    fileprivate func record(_ epilogue: MatrixProduct.Epilogue, worker: Int, started: UInt64, multiplied: UInt64) {
        add(.projectionGEMM, worker: worker, from: started, to: multiplied)
        if case .none = epilogue { return }
        add(epilogue.stage, worker: worker, from: multiplied, to: EncoderProfiler.now())
    }
}
