import Foundation
import LoreCore

extension GE2EEncoder {
    /// One embedding for a whole utterance, as Resemblyzer's `VoiceEncoder.embed_utterance`:
    /// 160-frame partials every `1 / rate` seconds, the last one kept (zero-padded) only when the
    /// audio covers `minimumCoverage` of it, partial embeddings averaged and re-normalised.
    /// The audio is first brought to Resemblyzer's loudness (−30 dBFS, increase only).
    public func embedUtterance(_ samples: [Float], rate: Double = 1.3, minimumCoverage: Double = 0.75) throws -> [Float] {
        precondition(rate > 0 && minimumCoverage > 0 && minimumCoverage <= 1)
        let features = MelSpectrogram()
        let hop = features.hopLength
        let partial = Self.partialFrames
        let frameCount = Int((Double(samples.count + 1) / Double(hop)).rounded(.up))
        let step = max(1, min(partial, Int((Double(features.sampleRate) / rate / Double(hop)).rounded())))
        var starts = Array(Swift.stride(from: 0, to: max(1, frameCount - partial + step + 1), by: step))
        let lastStart = starts[starts.count - 1] * hop
        let coverage = Double(samples.count - lastStart) / Double(partial * hop)
        if coverage < minimumCoverage && starts.count > 1 { starts.removeLast() }

        var padded = samples
        let needed = (starts[starts.count - 1] + partial) * hop
        if needed > padded.count { padded += [Float](repeating: 0, count: needed - padded.count) }
        let mel = features.compute(padded, gain: Self.loudnessGain(for: samples))
        let width = partial * features.melCount
        let windows = starts.map { Array(mel[$0 * features.melCount ..< $0 * features.melCount + width]) }
        let partials = try embed(windows, frameCount: partial)
        var mean = [Float](repeating: 0, count: Self.embeddingSize)
        for vector in partials { for i in mean.indices { mean[i] += vector[i] } }
        return EmbeddingMath.normalized(mean)
    }

    /// Resemblyzer's `normalize_volume(wav, -30, increase_only=True)` as a gain, capped at +60 dB
    /// so digital near-silence is not blown up into noise.
    public static func loudnessGain(for samples: [Float], targetDecibels: Double = -30) -> Float {
        guard !samples.isEmpty else { return 1 }
        let meanSquare = samples.reduce(0.0) { $0 + ($1.isFinite ? Double($1) * Double($1) : 0) } / Double(samples.count)
        guard meanSquare > 0, meanSquare.isFinite else { return 1 }
        let change = targetDecibels - 10 * log10(meanSquare)
        return Float(pow(10, min(60, max(0, change)) / 20))
    }
}
