import CBFloat16
import CBLAS

/// `C = A · Wᵀ` for a linear layer (A: rows × k, W: n × k as stored by PyTorch, C: rows × n),
/// through OpenBLAS `cblas_sgemm` or the bfloat16 kernel (`CBFloat16`), split over a `ComputeTeam`.
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
        /// Panels from `lore_bf16_pack`; the input is first rounded into `roundedInput` (rows × k).
        case bfloat16(packed: UnsafePointer<UInt16>, roundedInput: UnsafeMutablePointer<UInt16>)
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
        if case .bfloat16(_, let rounded) = weight { lore_bf16_convert(input, rows * k, rounded) }
        let threads = team.size
        if threads > 1, rows >= minimumRowsPerThread * threads {
            let pieces = max(threads, (rows + rowsPerPiece - 1) / rowsPerPiece)
            team.parallel(pieces) { piece, worker in
                let first = rows * piece / pieces, last = rows * (piece + 1) / pieces
                let started = profiler == nil ? 0 : EncoderProfiler.now()
                switch weight {
                case .float32(let weight):
                    gemm(input + first * k, rows: last - first, k: k, weight: weight, n: n, output: output + first * n, ldc: n)
                case .bfloat16(let packed, let rounded):
                    lore_bf16_linear(rounded + first * k, Int32(last - first), Int32(k), packed, 0, Int32(n), output + first * n, Int32(n))
                }
                let multiplied = profiler == nil ? 0 : EncoderProfiler.now()
                apply(epilogue, to: output + first * n, rows: last - first, ldc: n, columns: 0..<n)
                profiler?.record(epilogue, worker: worker, started: started, multiplied: multiplied)
            }
        } else {
            // Column blocks that are multiples of 32 keep the vector epilogue aligned to lanes and
            // are whole bfloat16 panels.
            let pieces = threads
            let width = ((n + pieces - 1) / pieces + 31) / 32 * 32
            team.parallel(pieces) { piece, worker in
                let first = piece * width, last = min(n, first + width)
                guard first < last else { return }
                let started = profiler == nil ? 0 : EncoderProfiler.now()
                switch weight {
                case .float32(let weight):
                    gemm(input, rows: rows, k: k, weight: weight + first * k, n: last - first, output: output + first, ldc: n)
                case .bfloat16(let packed, let rounded):
                    lore_bf16_linear(rounded, Int32(rows), Int32(k), packed, Int32(first), Int32(last - first), output, Int32(n))
                }
                let multiplied = profiler == nil ? 0 : EncoderProfiler.now()
                apply(epilogue, to: output, rows: rows, ldc: n, columns: first..<last)
                profiler?.record(epilogue, worker: worker, started: started, multiplied: multiplied)
            }
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
