/// Builds 64-bit hashes from grey thumbnails; bits are packed row-major, first bit most significant.
enum HashBits {
    /// dHash: for each of 8 rows of a 9 × 8 thumbnail, whether each pixel is brighter than its left neighbour.
    static func difference(_ thumbnail: [Double]) -> UInt64 {
        precondition(thumbnail.count == 72)
        var hash: UInt64 = 0
        for row in 0..<8 {
            for column in 0..<8 {
                let left = thumbnail[row * 9 + column], right = thumbnail[row * 9 + column + 1]
                hash = (hash << 1) | (right > left ? 1 : 0)
            }
        }
        return hash
    }

    /// pHash: whether each of the 8 × 8 lowest DCT coefficients lies above their median.
    static func aboveMedian(_ coefficients: [Double]) -> UInt64 {
        precondition(coefficients.count == 64)
        let sorted = coefficients.sorted()
        let median = (sorted[31] + sorted[32]) / 2
        var hash: UInt64 = 0
        for value in coefficients { hash = (hash << 1) | (value > median ? 1 : 0) }
        return hash
    }
}
