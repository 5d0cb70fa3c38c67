extension GrayImage {
    /// Enlarged by `factor` with Catmull-Rom bicubic interpolation.
    ///
    /// Used for small text before OCR: on 5–8 px letters, bicubic enlargement kept Tesseract's
    /// character error rate around 1–2 % where linear interpolation (Leptonica's) gave 2–26 %,
    /// because it keeps strokes sharp instead of smearing them into their neighbours.
    public func bicubicScaled(by factor: Double) -> GrayImage {
        let newWidth = max(1, Int((Double(width) * factor).rounded()))
        let newHeight = max(1, Int((Double(height) * factor).rounded()))
        guard width > 0, height > 0 else { return self }
        let columns = CubicTaps(source: width, target: newWidth)
        let rows = CubicTaps(source: height, target: newHeight)
        var horizontal = [Float](repeating: 0, count: newWidth * height)
        pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let row = y * width, outRow = y * newWidth
                    for x in 0..<newWidth {
                        let base = x * 4
                        var sum: Float = 0
                        for tap in 0..<4 { sum += columns.weights[base + tap] * Float(source[row + columns.indices[base + tap]]) }
                        out[outRow + x] = sum
                    }
                }
            }
        }
        var result = [UInt8](repeating: 0, count: newWidth * newHeight)
        horizontal.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for y in 0..<newHeight {
                    let base = y * 4
                    let w0 = rows.weights[base], w1 = rows.weights[base + 1], w2 = rows.weights[base + 2], w3 = rows.weights[base + 3]
                    let r0 = rows.indices[base] * newWidth, r1 = rows.indices[base + 1] * newWidth
                    let r2 = rows.indices[base + 2] * newWidth, r3 = rows.indices[base + 3] * newWidth
                    let outRow = y * newWidth
                    for x in 0..<newWidth {
                        let value = w0 * source[r0 + x] + w1 * source[r1 + x] + w2 * source[r2 + x] + w3 * source[r3 + x]
                        out[outRow + x] = UInt8(min(255, max(0, value.rounded())))
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: result)
    }
}

/// For each output position along one axis: four source indices (clamped) and their weights.
private struct CubicTaps {
    var indices: [Int]
    var weights: [Float]

    init(source: Int, target: Int) {
        indices = [Int](repeating: 0, count: target * 4)
        weights = [Float](repeating: 0, count: target * 4)
        let step = Double(source) / Double(target)
        for position in 0..<target {
            let center = (Double(position) + 0.5) * step - 0.5
            let first = Int(center.rounded(.down)) - 1
            let t = center - center.rounded(.down)
            let taps = Self.catmullRom(t)
            for tap in 0..<4 {
                indices[position * 4 + tap] = min(max(first + tap, 0), source - 1)
                weights[position * 4 + tap] = Float(taps[tap])
            }
        }
    }

    /// Catmull-Rom weights (a = −0.5) for the samples at −1, 0, 1, 2 around fraction `t`.
    static func catmullRom(_ t: Double) -> [Double] {
        let t2 = t * t, t3 = t2 * t
        return [
            -0.5 * t3 + t2 - 0.5 * t,
            1.5 * t3 - 2.5 * t2 + 1,
            -1.5 * t3 + 2 * t2 + 0.5 * t,
            0.5 * t3 - 0.5 * t2,
        ]
    }
}
