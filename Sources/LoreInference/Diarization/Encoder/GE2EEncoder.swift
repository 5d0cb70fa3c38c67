import CBLAS
import Foundation
import LoreCore

/// The GE2E speaker encoder of Resemblyzer (Wan et al., "Generalized End-to-End Loss for Speaker
/// Verification"): a 3-layer LSTM over 40-channel mel power frames, a linear layer on the last
/// hidden state of the top layer, ReLU, and L2 normalisation, giving a 256-d speaker embedding.
///
/// Windows are embedded in batches: each layer's input projection for every frame of every
/// window is one `cblas_sgemm`; the recurrence is one `cblas_sgemm` per time step for the batch.
public struct GE2EEncoder: Sendable {
    /// Frames in one of Resemblyzer's partial utterances (1.6 s at 10 ms per frame).
    public static let partialFrames = 160
    public static let melCount = SpeakerEncoderWeights.melCount
    public static let embeddingSize = SpeakerEncoderWeights.embeddingSize

    public let weights: SpeakerEncoderWeights
    /// Windows per batch; bounds the activations kept in memory (about 2.6 MB per window).
    public var batchSize = 32

    public init(weights: SpeakerEncoderWeights) {
        self.weights = weights
    }

    public init(modelAt url: URL) throws {
        self.init(weights: try SpeakerEncoderWeights.load(from: url))
    }

    /// Embeds windows of mel frames. `windows[i]` holds `frameCount` frames of `melCount` powers,
    /// row-major; all windows have the same `frameCount` (≥ 1). Returns L2-normalised embeddings.
    public func embed(_ windows: [[Float]], frameCount: Int) throws -> [[Float]] {
        precondition(frameCount >= 1, "a window needs at least one frame")
        precondition(windows.allSatisfy { $0.count == frameCount * Self.melCount }, "window size mismatch")
        var embeddings: [[Float]] = []
        embeddings.reserveCapacity(windows.count)
        var first = 0
        while first < windows.count {
            try Task.checkCancellation()
            let batch = Array(windows[first ..< min(windows.count, first + batchSize)])
            embeddings += embedBatch(batch, frameCount: frameCount)
            first += batch.count
        }
        return embeddings
    }

    private func embedBatch(_ windows: [[Float]], frameCount: Int) -> [[Float]] {
        let batch = windows.count
        let mels = Self.melCount
        // Time-major input (frame, window, channel) so one time step of the batch is contiguous.
        var input = [Float](repeating: 0, count: frameCount * batch * mels)
        for (b, window) in windows.enumerated() {
            for t in 0..<frameCount {
                let source = t * mels, target = (t * batch + b) * mels
                for m in 0..<mels { input[target + m] = window[source + m] }
            }
        }
        var hidden: [Float] = []
        for layer in weights.layers {
            (input, hidden) = run(layer, input: input, frameCount: frameCount, batch: batch)
        }
        return project(hidden, batch: batch)
    }

    /// One LSTM layer over the whole sequence; returns every hidden state (time-major) and the last.
    private func run(_ layer: SpeakerEncoderWeights.LSTMLayer, input: [Float], frameCount: Int, batch: Int) -> ([Float], [Float]) {
        let hiddenSize = SpeakerEncoderWeights.hiddenSize
        let gates = 4 * hiddenSize
        let rows = frameCount * batch
        // Gate pre-activations of all frames at once: input · W_ihᵀ + (b_ih + b_hh).
        var preactivation = [Float](repeating: 0, count: rows * gates)
        for row in 0..<rows {
            for g in 0..<gates { preactivation[row * gates + g] = layer.bias[g] }
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                    Int32(rows), Int32(gates), Int32(layer.inputSize),
                    1, input, Int32(layer.inputSize), layer.inputWeights, Int32(layer.inputSize),
                    1, &preactivation, Int32(gates))
        var output = [Float](repeating: 0, count: rows * hiddenSize)
        var hidden = [Float](repeating: 0, count: batch * hiddenSize)
        var cell = [Float](repeating: 0, count: batch * hiddenSize)
        preactivation.withUnsafeMutableBufferPointer { pre in
            for t in 0..<frameCount {
                let step = pre.baseAddress! + t * batch * gates
                if t > 0 {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                Int32(batch), Int32(gates), Int32(hiddenSize),
                                1, hidden, Int32(hiddenSize), layer.recurrentWeights, Int32(hiddenSize),
                                1, step, Int32(gates))
                }
                for b in 0..<batch {
                    let z = step + b * gates
                    for j in 0..<hiddenSize {
                        let inputGate = sigmoid(z[j])
                        let forgetGate = sigmoid(z[hiddenSize + j])
                        let candidate = tanhf(z[2 * hiddenSize + j])
                        let outputGate = sigmoid(z[3 * hiddenSize + j])
                        let c = forgetGate * cell[b * hiddenSize + j] + inputGate * candidate
                        cell[b * hiddenSize + j] = c
                        let h = outputGate * tanhf(c)
                        hidden[b * hiddenSize + j] = h
                        output[(t * batch + b) * hiddenSize + j] = h
                    }
                }
            }
        }
        return (output, hidden)
    }

    /// ReLU(W·h + b), L2-normalised (an all-zero vector stays zero rather than becoming NaN).
    private func project(_ hidden: [Float], batch: Int) -> [[Float]] {
        let size = Self.embeddingSize, hiddenSize = SpeakerEncoderWeights.hiddenSize
        var raw = [Float](repeating: 0, count: batch * size)
        for b in 0..<batch {
            for j in 0..<size { raw[b * size + j] = weights.projectionBias[j] }
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                    Int32(batch), Int32(size), Int32(hiddenSize),
                    1, hidden, Int32(hiddenSize), weights.projectionWeights, Int32(hiddenSize),
                    1, &raw, Int32(size))
        return (0..<batch).map { b in
            var vector = (0..<size).map { max(0, raw[b * size + $0]) }
            let norm = sqrt(vector.reduce(0) { $0 + $1 * $1 })
            if norm > 0 { vector = vector.map { $0 / norm } }
            return vector
        }
    }
}

@inline(__always) private func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
