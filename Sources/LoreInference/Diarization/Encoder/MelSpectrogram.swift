import CBLAS
import Foundation

/// Mel power spectrogram computed exactly as `librosa.feature.melspectrogram` does with its
/// defaults (librosa ≥ 0.10): centred frames with zero padding of `fftSize / 2`, periodic Hann
/// window, power 2, Slaney mel scale with Slaney area normalisation, 0 Hz to Nyquist.
///
/// Resemblyzer feeds these powers (not their logarithm) to its GE2E encoder, so the values have
/// to match librosa's, not only their shape. The DFT of the non-power-of-two frame (400 samples)
/// is one matrix product with a cosine/sine basis, which OpenBLAS runs faster than a
/// hand-written mixed-radix FFT at this size.
public struct MelSpectrogram: Sendable {
    public let sampleRate: Int
    public let fftSize: Int
    public let hopLength: Int
    public let melCount: Int

    private let binCount: Int
    private let window: [Float]
    /// fftSize × (2·binCount): cosines, then negated sines.
    private let dftBasis: [Float]
    /// binCount × melCount: the transposed librosa filter bank.
    private let filterBank: [Float]
    /// Frames transformed per matrix product; bounds the temporary memory on long audio.
    private let framesPerBlock = 1024

    public init(sampleRate: Int = 16_000, fftSize: Int = 400, hopLength: Int = 160, melCount: Int = 40) {
        precondition(fftSize >= 2 && hopLength >= 1 && melCount >= 1 && sampleRate >= 1)
        self.sampleRate = sampleRate
        self.fftSize = fftSize
        self.hopLength = hopLength
        self.melCount = melCount
        let bins = fftSize / 2 + 1
        self.binCount = bins
        self.window = (0..<fftSize).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(fftSize))) }
        var basis = [Float](repeating: 0, count: fftSize * 2 * bins)
        for n in 0..<fftSize {
            for k in 0..<bins {
                // Reduce k·n modulo fftSize first so the angle stays exact for large products.
                let angle = 2 * Double.pi * Double((k * n) % fftSize) / Double(fftSize)
                basis[n * 2 * bins + k] = Float(cos(angle))
                basis[n * 2 * bins + bins + k] = Float(-sin(angle))
            }
        }
        self.dftBasis = basis
        let bank = MelSpectrogram.slaneyFilterBank(sampleRate: sampleRate, fftSize: fftSize, melCount: melCount)
        var transposed = [Float](repeating: 0, count: bins * melCount)
        for m in 0..<melCount {
            for k in 0..<bins { transposed[k * melCount + m] = Float(bank[m * bins + k]) }
        }
        self.filterBank = transposed
    }

    /// Number of frames librosa returns for `sampleCount` samples (centred frames).
    public func frameCount(sampleCount: Int) -> Int {
        let padded = sampleCount + 2 * (fftSize / 2)
        return padded < fftSize ? 0 : 1 + (padded - fftSize) / hopLength
    }

    /// Mel powers of `samples · gain`, frames × melCount, row-major. Non-finite samples count as 0.
    public func compute(_ samples: [Float], gain: Float = 1) -> [Float] {
        let frames = frameCount(sampleCount: samples.count)
        var output = [Float](repeating: 0, count: frames * melCount)
        let pad = fftSize / 2
        let bins = binCount
        var frameBlock = [Float](repeating: 0, count: framesPerBlock * fftSize)
        var spectrum = [Float](repeating: 0, count: framesPerBlock * 2 * bins)
        var power = [Float](repeating: 0, count: framesPerBlock * bins)
        samples.withUnsafeBufferPointer { signal in
            var first = 0
            while first < frames {
                let count = min(framesPerBlock, frames - first)
                for f in 0..<count {
                    let start = (first + f) * hopLength - pad
                    let row = f * fftSize
                    for n in 0..<fftSize {
                        let index = start + n
                        let value: Float = index >= 0 && index < signal.count ? signal[index] : 0
                        // A NaN would spread through every later LSTM state; treat it as silence.
                        frameBlock[row + n] = value.isFinite ? value * gain * window[n] : 0
                    }
                }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                            Int32(count), Int32(2 * bins), Int32(fftSize),
                            1, frameBlock, Int32(fftSize), dftBasis, Int32(2 * bins),
                            0, &spectrum, Int32(2 * bins))
                for f in 0..<count {
                    let row = f * 2 * bins
                    for k in 0..<bins {
                        let re = spectrum[row + k], im = spectrum[row + bins + k]
                        power[f * bins + k] = re * re + im * im
                    }
                }
                output.withUnsafeMutableBufferPointer { out in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                Int32(count), Int32(melCount), Int32(bins),
                                1, power, Int32(bins), filterBank, Int32(melCount),
                                0, out.baseAddress! + first * melCount, Int32(melCount))
                }
                first += count
            }
        }
        return output
    }

    /// librosa.filters.mel(sr, n_fft, n_mels) with htk=False, norm="slaney": melCount × bins.
    static func slaneyFilterBank(sampleRate: Int, fftSize: Int, melCount: Int) -> [Double] {
        let bins = fftSize / 2 + 1
        let nyquist = Double(sampleRate) / 2
        let fftFrequencies = (0..<bins).map { nyquist * Double($0) / Double(bins - 1) }
        let lowMel = hertzToMel(0), highMel = hertzToMel(nyquist)
        let melPoints = (0..<(melCount + 2)).map { melToHertz(lowMel + (highMel - lowMel) * Double($0) / Double(melCount + 1)) }
        var bank = [Double](repeating: 0, count: melCount * bins)
        for m in 0..<melCount {
            let lowerWidth = melPoints[m + 1] - melPoints[m]
            let upperWidth = melPoints[m + 2] - melPoints[m + 1]
            let areaNorm = 2 / (melPoints[m + 2] - melPoints[m])
            for k in 0..<bins {
                let lower = (fftFrequencies[k] - melPoints[m]) / lowerWidth
                let upper = (melPoints[m + 2] - fftFrequencies[k]) / upperWidth
                bank[m * bins + k] = max(0, min(lower, upper)) * areaNorm
            }
        }
        return bank
    }

    // Slaney's mel scale: linear below 1 kHz, logarithmic above (librosa's default, htk=False).
    private static let linearStep = 200.0 / 3
    private static let logRegionStartHertz = 1000.0
    private static let logStep = log(6.4) / 27

    static func hertzToMel(_ hertz: Double) -> Double {
        let startMel = logRegionStartHertz / linearStep
        return hertz >= logRegionStartHertz ? startMel + log(hertz / logRegionStartHertz) / logStep : hertz / linearStep
    }

    static func melToHertz(_ mel: Double) -> Double {
        let startMel = logRegionStartHertz / linearStep
        return mel >= startMel ? logRegionStartHertz * exp(logStep * (mel - startMel)) : linearStep * mel
    }
}
