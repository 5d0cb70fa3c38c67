import Foundation
import LoreCore

/// Finds the stretches of an audio buffer that contain speech, so the speech model never decodes
/// long silences (which costs time and invites hallucinated text).
///
/// Per 10 ms hop it measures a 25 ms frame's power in the speech band (125–4000 Hz) and its
/// spectral flatness there. The decision threshold adapts to the recording: a margin above its
/// noise floor (a low percentile of frame levels), capped below its loud level so a clip that is
/// all speech still counts as speech, and never below an absolute floor so digital silence and
/// faint hiss are never speech. Noise-like frames (flat spectrum) need a larger margin. Decisions
/// are then smoothed: short blips are dropped, short pauses bridged, and regions padded.
///
/// whisper.cpp's own VAD needs a Silero model that Lore does not ship; this needs nothing.
public struct VoiceActivityDetector: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Frames quieter than this (dBFS, speech band) are never speech.
        public var absoluteFloorDecibels: Float = -60
        /// Speech must be this far above the recording's noise floor…
        public var marginAboveNoiseDecibels: Float = 9
        /// …but the threshold never rises above the loud level minus this, so all-speech clips pass.
        public var rangeBelowLoudDecibels: Float = 18
        /// Frames flatter than this (noise-like) need `extraMarginForNoiseDecibels` more level.
        public var maxSpeechFlatness: Float = 0.45
        public var extraMarginForNoiseDecibels: Float = 8
        /// Speech runs shorter than this are dropped (clicks, knocks).
        public var minSpeechSeconds: Double = 0.12
        /// Pauses shorter than this stay inside the surrounding speech.
        public var minSilenceSeconds: Double = 0.6
        /// Added before and after each region so word onsets and endings are kept.
        public var paddingSeconds: Double = 0.3

        public init() {}
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    static let frameLength = 400 // 25 ms at 16 kHz
    static let hopLength = 160 // 10 ms
    static let fftSize = 512

    /// Speech regions in seconds, sorted and non-overlapping, within `0…audio.duration`.
    public func speechRegions(in audio: AudioBuffer) -> [TimeRange] {
        guard audio.sampleRate > 0, !audio.samples.isEmpty else { return [] }
        let hopSeconds = Double(Self.hopLength) / Double(audio.sampleRate)
        let frames = frameFeatures(audio)
        guard !frames.isEmpty else { return [] }
        let threshold = decisionThreshold(frames.map(\.level))
        let voiced = frames.map { frame in
            let needed = frame.flatness > settings.maxSpeechFlatness ? threshold + settings.extraMarginForNoiseDecibels : threshold
            return frame.level >= needed
        }
        return smooth(voiced, hopSeconds: hopSeconds, duration: audio.duration)
    }

    struct FrameFeatures {
        /// Speech-band power in dBFS (a full-scale sine in the band reads about -3).
        var level: Float
        /// Geometric over arithmetic mean of the band's power spectrum: near 0 tonal, ~0.56 white noise.
        var flatness: Float
    }

    func frameFeatures(_ audio: AudioBuffer) -> [FrameFeatures] {
        let samples = audio.samples
        let count = samples.count < Self.frameLength ? 1 : (samples.count - Self.frameLength) / Self.hopLength + 1
        var spectrum = PowerSpectrum(size: Self.fftSize, frameLength: Self.frameLength)
        let binHz = Double(audio.sampleRate) / Double(Self.fftSize)
        let lowBin = max(1, Int((125 / binHz).rounded()))
        let highBin = min(Self.fftSize / 2, Int((4000 / binHz).rounded()))
        let bins = Float(highBin - lowBin + 1)
        // Parseval: the band's share of the windowed frame's mean-square value
        let scale = 2 / (Float(Self.fftSize) * spectrum.windowEnergy)
        var power = [Float](repeating: 0, count: Self.fftSize / 2 + 1)
        var features = [FrameFeatures]()
        features.reserveCapacity(count)
        samples.withUnsafeBufferPointer { buffer in
            for index in 0..<count {
                spectrum.compute(buffer, offset: index * Self.hopLength, into: &power)
                var sum: Float = 0
                var logSum: Float = 0
                for bin in lowBin...highBin {
                    sum += power[bin]
                    logSum += log(power[bin] + 1e-20)
                }
                let mean = sum / bins
                let level = 10 * log10(sum * scale + 1e-12)
                let flatness = mean > 1e-18 ? exp(logSum / bins) / mean : 1
                features.append(FrameFeatures(level: level, flatness: flatness))
            }
        }
        return features
    }

    func decisionThreshold(_ levels: [Float]) -> Float {
        let sorted = levels.sorted()
        let noise = percentile(sorted, 0.10)
        let loud = percentile(sorted, 0.97)
        let adaptive = min(noise + settings.marginAboveNoiseDecibels, loud - settings.rangeBelowLoudDecibels)
        return max(settings.absoluteFloorDecibels, adaptive)
    }

    private func percentile(_ sorted: [Float], _ fraction: Double) -> Float {
        sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }

    /// Frame decisions → padded, merged regions in seconds.
    func smooth(_ voiced: [Bool], hopSeconds: Double, duration: Double) -> [TimeRange] {
        var runs: [TimeRange] = []
        var start: Int?
        for (index, isSpeech) in voiced.enumerated() {
            if isSpeech, start == nil { start = index }
            if !isSpeech, let first = start {
                runs.append(TimeRange(start: Double(first) * hopSeconds, end: Double(index) * hopSeconds + 0.015))
                start = nil
            }
        }
        if let first = start { runs.append(TimeRange(start: Double(first) * hopSeconds, end: duration)) }

        // bridge short pauses first, so syllables separated by tiny gaps count as one run
        var bridged: [TimeRange] = []
        for run in runs {
            if let last = bridged.last, run.start - last.end < settings.minSilenceSeconds {
                bridged[bridged.count - 1].end = run.end
            } else {
                bridged.append(run)
            }
        }
        var regions: [TimeRange] = []
        for run in bridged where run.duration >= settings.minSpeechSeconds {
            let padded = TimeRange(start: max(0, run.start - settings.paddingSeconds), end: min(duration, run.end + settings.paddingSeconds))
            if let last = regions.last, padded.start <= last.end {
                regions[regions.count - 1].end = max(last.end, padded.end)
            } else {
                regions.append(padded)
            }
        }
        return regions
    }
}
