import Foundation

/// Power spectra of short frames: a Hann window and an in-place radix-2 FFT.
///
/// Small and dependency-free on purpose: the voice-activity detector needs a few hundred
/// thousand 512-point spectra per hour of audio, which this computes in well under a second.
struct PowerSpectrum {
    let size: Int
    private let window: [Float]
    private let cosines: [Float]
    private let sines: [Float]
    private let bitReversed: [Int]
    private var real: [Float]
    private var imaginary: [Float]

    /// `size` must be a power of two; frames shorter than it are zero-padded.
    init(size: Int, frameLength: Int) {
        precondition(size > 1 && size & (size - 1) == 0 && frameLength <= size)
        self.size = size
        window = (0..<frameLength).map { 0.5 - 0.5 * Float(cos(2 * Double.pi * Double($0) / Double(frameLength))) }
        cosines = (0..<size / 2).map { Float(cos(-2 * Double.pi * Double($0) / Double(size))) }
        sines = (0..<size / 2).map { Float(sin(-2 * Double.pi * Double($0) / Double(size))) }
        let bits = size.trailingZeroBitCount
        bitReversed = (0..<size).map { index in
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            return reversed
        }
        real = [Float](repeating: 0, count: size)
        imaginary = [Float](repeating: 0, count: size)
    }

    /// Sum of squared window weights, to turn spectrum power back into mean-square signal power.
    var windowEnergy: Float { window.reduce(0) { $0 + $1 * $1 } }

    /// |X(k)|² for k in 0...size/2 of the windowed frame starting at `offset` in `samples`.
    mutating func compute(_ samples: UnsafeBufferPointer<Float>, offset: Int, into power: inout [Float]) {
        for i in 0..<size { real[i] = 0; imaginary[i] = 0 }
        let available = min(window.count, samples.count - offset)
        for i in 0..<max(0, available) { real[bitReversed[i]] = samples[offset + i] * window[i] }
        var length = 2
        while length <= size {
            let half = length / 2
            let step = size / length
            var start = 0
            while start < size {
                for k in 0..<half {
                    let wr = cosines[k * step], wi = sines[k * step]
                    let a = start + k, b = a + half
                    let tr = real[b] * wr - imaginary[b] * wi
                    let ti = real[b] * wi + imaginary[b] * wr
                    real[b] = real[a] - tr
                    imaginary[b] = imaginary[a] - ti
                    real[a] += tr
                    imaginary[a] += ti
                }
                start += length
            }
            length *= 2
        }
        if power.count != size / 2 + 1 { power = [Float](repeating: 0, count: size / 2 + 1) }
        for k in 0...(size / 2) { power[k] = real[k] * real[k] + imaginary[k] * imaginary[k] }
    }
}
