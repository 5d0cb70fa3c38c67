import Foundation

/// The lowest `keep` × `keep` coefficients of the 2-D DCT-II of an `size` × `size` block.
///
/// Only the low corner is needed for pHash, so this multiplies by the first `keep` rows of the
/// DCT matrix on each side instead of running a full transform.
struct LowFrequencyDCT: Sendable {
    let size: Int
    let keep: Int
    /// `keep` × `size` basis: basis[k * size + n] = cos(π (2n + 1) k / (2 size)).
    private let basis: [Double]

    init(size: Int = 32, keep: Int = 8) {
        self.size = size
        self.keep = keep
        var basis = [Double](repeating: 0, count: keep * size)
        for k in 0..<keep {
            for n in 0..<size {
                basis[k * size + n] = cos(Double.pi * Double(2 * n + 1) * Double(k) / Double(2 * size))
            }
        }
        self.basis = basis
    }

    /// Coefficients row-major: index v * keep + u, v the vertical and u the horizontal frequency.
    func transform(_ block: [Double]) -> [Double] {
        precondition(block.count == size * size)
        // rows[v][x] = Σ_y basis[v][y] · block[y][x]
        var rows = [Double](repeating: 0, count: keep * size)
        for v in 0..<keep {
            for y in 0..<size {
                let weight = basis[v * size + y]
                for x in 0..<size { rows[v * size + x] += weight * block[y * size + x] }
            }
        }
        var out = [Double](repeating: 0, count: keep * keep)
        for v in 0..<keep {
            for u in 0..<keep {
                var sum = 0.0
                for x in 0..<size { sum += rows[v * size + x] * basis[u * size + x] }
                out[v * keep + u] = sum
            }
        }
        return out
    }
}
