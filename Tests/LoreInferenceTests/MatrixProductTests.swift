import CLinearKernels
import Testing
@testable import LoreInference

/// Short inputs are multiplied in column blocks small enough for OpenBLAS's unpacked kernel;
/// the result must be the whole product's.
@Suite struct MatrixProductTests {
    @Test func blocksStayWithinTheSmallKernelsLimits() {
        #expect(MatrixProduct.smallKernelColumns(rows: 16, k: 384) == 64)
        #expect(MatrixProduct.smallKernelColumns(rows: 16, k: 1536) == 32)
        #expect(MatrixProduct.smallKernelColumns(rows: 40, k: 1536) == 16)
        #expect(MatrixProduct.smallKernelColumns(rows: 64, k: 1536) == 0)   // 16 columns would exceed 10⁶
        #expect(MatrixProduct.smallKernelColumns(rows: 65, k: 384) == 0)    // many rows: whole products
        for rows in 1...64 {
            for k in [384, 1536] {
                let columns = MatrixProduct.smallKernelColumns(rows: rows, k: k)
                #expect(columns == 0 || (columns % 16 == 0 && rows * columns <= 1_024 && rows * columns * k <= 1_000_000))
            }
        }
    }

    @Test func blockedProductsEqualTheWholeProduct() {
        for (rows, k, n) in [(3, 384, 1536), (16, 1536, 384), (17, 384, 1000), (64, 384, 384)] {
            let a = (0..<(rows * k)).map { Float(($0 * 37) % 101) / 101 - 0.5 }
            let w = (0..<(n * k)).map { Float(($0 * 53) % 97) / 97 - 0.5 }
            var blocked = [Float](repeating: 0, count: rows * n)
            a.withUnsafeBufferPointer { a in
                w.withUnsafeBufferPointer { w in
                    blocked.withUnsafeMutableBufferPointer { out in
                        MatrixProduct.gemm(a.baseAddress!, rows: rows, k: k, weight: w.baseAddress!, n: n, output: out.baseAddress!, ldc: n)
                    }
                }
            }
            var worst: Float = 0
            for row in 0..<rows {
                for column in stride(from: 0, to: n, by: 7) {
                    var exact: Double = 0
                    for i in 0..<k { exact += Double(a[row * k + i]) * Double(w[column * k + i]) }
                    worst = max(worst, abs(blocked[row * n + column] - Float(exact)))
                }
            }
            #expect(worst < 1e-3, "rows \(rows) k \(k) n \(n): \(worst)")
        }
    }

    /// The float32 panel kernel against the exact product, for both ways a product is split
    /// over threads and for row counts that are not whole tiles.
    @Test(.enabled(if: EncoderPrecision.float32PanelsAvailable, "the CPU has no AVX2 and FMA"))
    func float32PanelProductsEqualTheExactProduct() {
        Self.compareKernel(operands: "float32") { w, rows, k, n in
            let panels = FloatBuffer(count: n * k)
            lore_f32_pack(w, Int32(n), Int32(k), panels.pointer)
            return (.float32Panels(panels.pointer), [panels])
        } exact: { a, w, k in
            { row, column in (0..<k).reduce(0.0) { $0 + Double(a[row * k + $1]) * Double(w[column * k + $1]) } }
        }
    }

    /// The bfloat16 kernel against the exact product of the same bf16-rounded operands, for
    /// both ways a product is split over threads and for row counts that are not whole tiles.
    @Test(.enabled(if: EncoderPrecision.bfloat16Available, "the CPU has no AVX-512 BF16"))
    func bfloat16ProductsEqualTheExactProductOfRoundedOperands() {
        Self.compareKernel(operands: "rounded") { w, rows, k, n in
            let packed = BFloat16Buffer(count: n * k), rounded = BFloat16Buffer(count: rows * k)
            lore_bf16_pack(w, Int32(n), Int32(k), packed.pointer)
            return (.bfloat16(packed: packed.pointer, roundedInput: rounded.pointer), [packed, rounded])
        } exact: { a, w, k in
            { row, column in (0..<k).reduce(0.0) { $0 + Self.bfloat16(a[row * k + $1]) * Self.bfloat16(w[column * k + $1]) } }
        }
    }

    /// The int8 kernel against the exact product of the same quantized operands (per output
    /// column and per input row, as `lore_i8_pack` and `lore_i8_quantize` quantize), for both
    /// ways a product is split over threads, for row counts that are not whole tiles and for an
    /// all-zero row.
    @Test(.enabled(if: EncoderPrecision.int8Available, "the CPU has no AVX-512 VNNI"))
    func int8ProductsEqualTheExactProductOfQuantizedOperands() {
        Self.compareKernel(operands: "quantized", zeroFirstRow: true) { w, rows, k, n in
            let weight = Int8Weight(outputs: n, inputs: k)
            let quantized = AlignedBuffer<UInt8>(count: rows * k), scales = FloatBuffer(count: rows)
            lore_i8_pack(w, Int32(n), Int32(k), weight.packed.pointer, weight.scales.pointer, weight.sums.pointer)
            return (.int8(weight, quantizedInput: quantized.pointer, inputScales: scales.pointer), [weight, quantized, scales])
        } exact: { a, w, k in
            // Rows are scaled by multiplying with the inverse, columns by dividing, as the kernel does.
            func quantize(_ values: ArraySlice<Float>, byDivision: Bool) -> (values: [Double], scale: Double) {
                let peak = values.map { abs($0) }.max() ?? 0
                let scale: Float = peak > 0 ? peak / 127 : 1
                let inverse = 1 / scale
                return (values.map { Double((byDivision ? $0 / scale : $0 * inverse).rounded(.toNearestOrEven)) }, Double(scale))
            }
            let rows = (0..<(a.count / k)).map { quantize(a[($0 * k)..<(($0 + 1) * k)], byDivision: false) }
            let columns = (0..<(w.count / k)).map { quantize(w[($0 * k)..<(($0 + 1) * k)], byDivision: true) }
            return { row, column in
                let (x, c) = (rows[row], columns[column])
                return (0..<k).reduce(0.0) { $0 + x.values[$1] * c.values[$1] } * x.scale * c.scale
            }
        }
    }

    /// Runs a kernel's products (`weight` packs `w`; the objects it returns hold its buffers)
    /// over shapes that split both ways over two threads and end in partial tiles, and compares
    /// every fifth output with `exact` — the product of the operands as the kernel rounds them —
    /// and with the float32 product.
    static func compareKernel(
        operands: String, zeroFirstRow: Bool = false,
        weight: (_ w: UnsafePointer<Float>, _ rows: Int, _ k: Int, _ n: Int) -> (MatrixProduct.Weight, [AnyObject]),
        exact: (_ a: [Float], _ w: [Float], _ k: Int) -> (_ row: Int, _ column: Int) -> Double
    ) {
        let team = ComputeTeam(size: 2)
        defer { team.shutdown() }
        for (rows, k, n) in [(1, 384, 384), (3, 384, 1536), (13, 1536, 384), (100, 384, 1152), (203, 1536, 384)] {
            var a = (0..<(rows * k)).map { Float(($0 * 37) % 101) / 101 - 0.5 }
            if zeroFirstRow { for i in 0..<k { a[i] = 0 } }
            let w = (0..<(n * k)).map { Float(($0 * 53) % 97) / 97 - 0.5 }
            var product = [Float](repeating: .nan, count: rows * n)
            w.withUnsafeBufferPointer { w in
                let (packed, buffers) = weight(w.baseAddress!, rows, k, n)
                withExtendedLifetime(buffers) {
                    a.withUnsafeBufferPointer { a in
                        product.withUnsafeMutableBufferPointer { out in
                            MatrixProduct.linear(a.baseAddress!, rows: rows, inputs: k, weight: packed, outputs: n, into: out.baseAddress!,
                                                 epilogue: .none, team: team, profiler: nil)
                        }
                    }
                }
            }
            let expected = exact(a, w, k)
            var worst = 0.0, worstAgainstFloat32 = 0.0
            for row in 0..<rows {
                for column in 0..<n where (row * n + column) % 5 == 0 {
                    let float32 = (0..<k).reduce(0.0) { $0 + Double(a[row * k + $1]) * Double(w[column * k + $1]) }
                    worst = max(worst, abs(Double(product[row * n + column]) - expected(row, column)))
                    worstAgainstFloat32 = max(worstAgainstFloat32, abs(Double(product[row * n + column]) - float32))
                }
            }
            #expect(product.allSatisfy { $0.isFinite })
            #expect(worst < 1e-3, "rows \(rows) k \(k) n \(n): \(worst) from the \(operands) operands' product")
            #expect(worstAgainstFloat32 < 0.5, "rows \(rows) k \(k) n \(n): \(worstAgainstFloat32) from the float32 product")
        }
    }

    /// `value` rounded to bfloat16 (nearest, ties to even), as the kernel rounds.
    static func bfloat16(_ value: Float) -> Double {
        let bits = value.bitPattern
        return Double(Float(bitPattern: ((bits &+ 0x7fff &+ ((bits >> 16) & 1)) >> 16) << 16))
    }
}
