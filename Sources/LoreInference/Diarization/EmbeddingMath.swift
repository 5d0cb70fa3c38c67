import Foundation

/// Small vector helpers for L2-normalised embeddings.
enum EmbeddingMath {
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }

    /// `vector / ‖vector‖`; a zero vector stays zero.
    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = sqrt(dot(vector, vector))
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// The normalised mean of the vectors of each label `0..<labelCount`.
    static func centroids(_ vectors: [[Float]], labels: [Int], labelCount: Int) -> [[Float]] {
        let dimension = vectors.first?.count ?? 0
        var sums = [[Float]](repeating: [Float](repeating: 0, count: dimension), count: labelCount)
        for (vector, label) in zip(vectors, labels) {
            for i in 0..<dimension { sums[label][i] += vector[i] }
        }
        return sums.map(normalized)
    }

    /// Index of the centroid most similar (cosine) to `vector`.
    static func nearest(_ vector: [Float], among centroids: [[Float]]) -> Int {
        var best = 0
        var bestSimilarity = -Float.infinity
        for (index, centroid) in centroids.enumerated() {
            let similarity = dot(vector, centroid)
            if similarity > bestSimilarity { best = index; bestSimilarity = similarity }
        }
        return best
    }
}
