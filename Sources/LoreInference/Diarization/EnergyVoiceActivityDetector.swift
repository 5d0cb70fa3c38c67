import Foundation
import LoreCore

/// Finds speech by frame energy, relative to the recording's own levels.
///
/// A 10 ms frame is speech when it is louder than all of: an absolute floor (digital silence and
/// hiss are never speech), the recording's loud level (95th percentile) minus a dynamic range,
/// and its noise level (10th percentile) plus a margin (so steady noise alone is not speech).
/// Short gaps are bridged and short blips dropped. It cannot tell speech from music or loud
/// noise; a transcriber's segments can be passed to the diarizer instead.
public struct EnergyVoiceActivityDetector: Sendable {
    public var frameDuration: Double = 0.01
    public var absoluteFloorDecibels: Float = -60
    public var dynamicRangeDecibels: Float = 30
    public var noiseMarginDecibels: Float = 10
    /// Pauses shorter than this stay inside one region.
    public var minimumGap: Double = 0.3
    /// Regions shorter than this are dropped.
    public var minimumSpeech: Double = 0.3

    public init() {}

    /// Speech regions of `samples` (any sample rate), in seconds, sorted and disjoint.
    public func speechRegions(in samples: [Float], sampleRate: Int) -> [TimeRange] {
        let frameLength = max(1, Int((frameDuration * Double(sampleRate)).rounded()))
        let frames = samples.count / frameLength
        guard frames > 0 else { return [] }
        var levels = [Float](repeating: 0, count: frames)
        samples.withUnsafeBufferPointer { signal in
            for f in 0..<frames {
                var energy: Float = 0
                for n in f * frameLength ..< (f + 1) * frameLength {
                    let x = signal[n].isFinite ? signal[n] : 0
                    energy += x * x
                }
                levels[f] = 10 * log10(energy / Float(frameLength) + 1e-12)
            }
        }
        let sorted = levels.sorted()
        let loud = sorted[min(frames - 1, frames * 95 / 100)]
        let noise = sorted[frames * 10 / 100]
        let threshold = max(absoluteFloorDecibels, loud - dynamicRangeDecibels, noise + noiseMarginDecibels)

        var regions: [(start: Int, end: Int)] = []
        var f = 0
        while f < frames {
            guard levels[f] > threshold else { f += 1; continue }
            var end = f
            while end < frames && levels[end] > threshold { end += 1 }
            if let last = regions.last, Double(f - last.end) * frameDuration < minimumGap {
                regions[regions.count - 1].end = end
            } else {
                regions.append((f, end))
            }
            f = end
        }
        let seconds = Double(frameLength) / Double(sampleRate)
        return regions
            .filter { Double($0.end - $0.start) * seconds >= minimumSpeech }
            .map { TimeRange(start: Double($0.start) * seconds, end: Double($0.end) * seconds) }
    }
}
