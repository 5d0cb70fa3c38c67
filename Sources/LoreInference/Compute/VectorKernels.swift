/// Element-wise kernels of the encoder on 16-lane SIMD vectors: bias + GELU, residual +
/// LayerNorm, softmax. They run on rows the matrix products just wrote, so they are fused per
/// row and never allocate.
///
/// Only SIMD operations that compile to vector instructions are used: the standard library's
/// `pointwiseMin`/`pointwiseMax`, `rounded` and float→integer conversions run lane by lane
/// (measured 10–20× slower), so clamping uses compare-and-select and rounding the
/// add-a-magic-number trick.
enum VectorKernels {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ value: Vector, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Vector.self)
    }

    /// `row[i] += bias[i]`; `count` is a multiple of 16.
    static func addBias(_ row: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            store(load(row + i) + load(bias + i), row + i)
            i += lanes
        }
    }

    /// `row[i] = gelu(row[i] + bias[i])` with the exact (erf) GELU; `count` is a multiple of 16.
    static func addBiasGELU(_ row: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            let x = load(row + i) + load(bias + i)
            store(0.5 * x * (1 + erf(x * 0.70710678118654752)), row + i)
            i += lanes
        }
    }

    /// `row = LayerNorm(row + delta + bias) · gamma + beta`; `count` is a multiple of 16.
    static func residualLayerNorm(
        _ row: UnsafeMutablePointer<Float>, adding delta: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, count: Int, epsilon: Float
    ) {
        var sum = Vector()
        var i = 0
        while i < count {
            let x = load(row + i) + load(delta + i) + load(bias + i)
            store(x, row + i)
            sum += x
            i += lanes
        }
        layerNormInPlace(row, sum: sum.sum(), gamma: gamma, beta: beta, count: count, epsilon: epsilon)
    }

    /// `row = LayerNorm(row) · gamma + beta`; `count` is a multiple of 16.
    static func layerNorm(
        _ row: UnsafeMutablePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
        count: Int, epsilon: Float
    ) {
        var sum = Vector()
        var i = 0
        while i < count {
            sum += load(row + i)
            i += lanes
        }
        layerNormInPlace(row, sum: sum.sum(), gamma: gamma, beta: beta, count: count, epsilon: epsilon)
    }

    @inline(__always)
    private static func layerNormInPlace(
        _ row: UnsafeMutablePointer<Float>, sum: Float, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
        count: Int, epsilon: Float
    ) {
        let mean = Vector(repeating: sum / Float(count))
        // Two passes (mean, then squared deviations) keep the variance accurate in fp32.
        var squares = Vector()
        var i = 0
        while i < count {
            let d = load(row + i) - mean
            squares += d * d
            i += lanes
        }
        let inverse = Vector(repeating: 1 / (squares.sum() / Float(count) + epsilon).squareRoot())
        i = 0
        while i < count {
            let normalised = (load(row + i) - mean) * inverse
            store(normalised * load(gamma + i) + load(beta + i), row + i)
            i += lanes
        }
    }

    /// Softmax of `row[0..<count]` in place (any `count` ≥ 1).
    static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        let inverse = exponentiateShiftedByMaximum(row, count: count)
        scale(row, count: count, by: inverse)
    }

    /// Replaces `row[i]` by `e^(row[i] − max)` and returns 1 / Σ: the softmax without its final
    /// division, which the caller can apply to a smaller matrix (attention scales the context
    /// rows, 32 values, instead of the probability rows, up to 256).
    static func exponentiateShiftedByMaximum(_ row: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let whole = count - count % lanes
        var maxima = Vector(repeating: -.infinity)
        var i = 0
        while i < whole {
            maxima = maximum(maxima, load(row + i))
            i += lanes
        }
        var largest = maxima.max()
        for j in whole..<count { largest = Swift.max(largest, row[j]) }
        let shift = Vector(repeating: largest)
        var sums = Vector()
        i = 0
        while i < whole {
            let e = exp(load(row + i) - shift)
            store(e, row + i)
            sums += e
            i += lanes
        }
        var total = sums.sum()
        if whole < count {
            var tail = Vector(repeating: -.infinity)
            for j in whole..<count { tail[j - whole] = row[j] }
            let e = exp(tail - shift)
            for j in whole..<count { row[j] = e[j - whole] }
            total += e.sum()
        }
        return 1 / total
    }

    /// `row[i] *= factor` for any `count`.
    static func scale(_ row: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        let whole = count - count % lanes
        let vector = Vector(repeating: factor)
        var i = 0
        while i < whole {
            store(load(row + i) * vector, row + i)
            i += lanes
        }
        for j in whole..<count { row[j] *= factor }
    }

    /// e^x with relative error ≈ 1e-7: x = n·ln2 + r with |r| ≤ ln2/2, a degree-7 polynomial
    /// for e^r, and 2^n built in the exponent bits. Inputs below −87 give 0 (as softmax needs
    /// for −∞); inputs above 88 saturate.
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let clamped = maximum(minimum(x, Vector(repeating: 88)), Vector(repeating: -87))
        // Adding 1.5·2^23 rounds to the nearest integer, which then sits in the low mantissa bits.
        let magic = Vector(repeating: 12_582_912)
        let shifted = clamped * 1.4426950408889634 + magic
        let n = shifted - magic
        // ln 2 split in two so r keeps its low bits.
        let r = (clamped - n * 0.693145751953125) - n * 1.428606765330187e-06
        var p = Vector(repeating: 1.0 / 5040)
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(magic, to: SIMD16<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return (p * scale).replacing(with: 0, where: x .< -87)
    }

    /// erf(x) with absolute error below 4e-7: erf(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 4 (a degree-5/5
    /// rational fit, minimax in relative error), ±1 beyond. No exponential, one division.
    @inline(__always)
    static func erf(_ x: Vector) -> Vector {
        let limit = Vector(repeating: 4)
        let clamped = maximum(minimum(x, limit), -limit)
        let t = clamped * clamped
        var p = Vector(repeating: 1.9862790622329133e-06)
        p = p * t + 0.0002846022646502985
        p = p * t + 0.0038854626047022424
        p = p * t + 0.05310842773576422
        p = p * t + 0.19359608597699415
        p = p * t + 1.1283791390909976
        var q = Vector(repeating: 3.741677689557122e-05)
        q = q * t + 0.0011860596126767498
        q = q * t + 0.015211569469406012
        q = q * t + 0.11537101656397997
        q = q * t + 0.5049026145081871
        q = q * t + 1
        let value = clamped * p / q
        return minimum(maximum(value, Vector(repeating: -1)), Vector(repeating: 1))
    }

    @inline(__always)
    private static func abs(_ x: Vector) -> Vector {
        x.replacing(with: -x, where: x .< 0)
    }

    @inline(__always)
    static func minimum(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: b .< a)
    }

    @inline(__always)
    static func maximum(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: b .> a)
    }
}
