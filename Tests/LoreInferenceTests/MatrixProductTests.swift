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
}
