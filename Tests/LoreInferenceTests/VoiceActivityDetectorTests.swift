import Foundation
import Testing
import LoreCore
@testable import LoreInference

/// Synthetic signals with known speech-like and silent stretches.
enum Signals {
    static let rate = 16_000

    static func silence(_ seconds: Double) -> [Float] { [Float](repeating: 0, count: Int(seconds * Double(rate))) }

    /// A voiced-speech stand-in: a 140 Hz harmonic series with a syllable-rate (4 Hz) envelope.
    static func voiced(_ seconds: Double, amplitude: Float = 0.3) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { i in
            let t = Double(i) / Double(rate)
            let envelope = 0.6 + 0.4 * sin(2 * Double.pi * 4 * t)
            var value = 0.0
            for harmonic in 1...12 { value += sin(2 * Double.pi * 140 * Double(harmonic) * t) / Double(harmonic) }
            return amplitude * Float(envelope * value / 3)
        }
    }

    /// Deterministic white noise (a linear congruential generator) at the given RMS.
    static func noise(_ seconds: Double, rms: Float, seed: UInt32 = 1) -> [Float] {
        var state = seed
        return (0..<Int(seconds * Double(rate))).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return (Float(state) / Float(UInt32.max) * 2 - 1) * rms * 1.732
        }
    }

    static func add(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map { $0 + $1 } }
}

@Suite struct VoiceActivityDetectorTests {
    let detector = VoiceActivityDetector()

    @Test func digitalSilenceHasNoSpeech() {
        #expect(detector.speechRegions(in: AudioBuffer(samples: Signals.silence(5))).isEmpty)
        #expect(detector.speechRegions(in: AudioBuffer(samples: [])).isEmpty)
    }

    @Test func faintHissHasNoSpeech() {
        // -66 dBFS of white noise: below the absolute floor
        let audio = AudioBuffer(samples: Signals.noise(4, rms: 0.0005))
        #expect(detector.speechRegions(in: audio).isEmpty)
    }

    @Test func findsSpeechBetweenSilences() throws {
        let samples = Signals.silence(3) + Signals.voiced(2) + Signals.silence(4) + Signals.voiced(1.5) + Signals.silence(2)
        let regions = detector.speechRegions(in: AudioBuffer(samples: samples))
        #expect(regions.count == 2)
        let first = try #require(regions.first), second = try #require(regions.last)
        // padded by 0.3 s, and within a frame or two of the true bounds
        #expect(abs(first.start - 2.7) < 0.1)
        #expect(abs(first.end - 5.3) < 0.1)
        #expect(abs(second.start - 8.7) < 0.1)
        #expect(abs(second.end - 10.8) < 0.1)
    }

    @Test func speechInSteadyNoiseIsFoundAndTheNoiseIsNot() {
        let noise = Signals.noise(10, rms: 0.01)
        let speech = Signals.silence(4) + Signals.voiced(2, amplitude: 0.2) + Signals.silence(4)
        let regions = detector.speechRegions(in: AudioBuffer(samples: Signals.add(noise, speech)))
        #expect(regions.count == 1)
        #expect(regions.allSatisfy { $0.start > 3.5 && $0.end < 6.5 })
    }

    @Test func shortPausesAreBridgedAndClicksDropped() {
        let click = Signals.voiced(0.05)
        let samples = Signals.silence(1) + Signals.voiced(1) + Signals.silence(0.3) + Signals.voiced(1) + Signals.silence(2) + click + Signals.silence(2)
        let regions = detector.speechRegions(in: AudioBuffer(samples: samples))
        #expect(regions.count == 1)
        #expect((regions.first?.end ?? 0) < 4)
    }

    @Test func aClipThatIsAllSpeechIsAllSpeech() {
        let audio = AudioBuffer(samples: Signals.voiced(0.2))
        let regions = detector.speechRegions(in: audio)
        #expect(regions.count == 1)
        #expect(regions.first.map { $0.start == 0 && abs($0.end - 0.2) < 0.001 } == true)
    }

    @Test func regionsStayWithinTheAudio() {
        let audio = AudioBuffer(samples: Signals.voiced(1) + Signals.silence(1) + Signals.voiced(1))
        for region in detector.speechRegions(in: audio) {
            #expect(region.start >= 0 && region.end <= audio.duration && region.start < region.end)
        }
    }

    @Test func spectrumOfASineHasItsPeakAtTheSineFrequency() {
        let samples = (0..<512).map { Float(sin(2 * Double.pi * 1000 * Double($0) / 16_000)) }
        var spectrum = PowerSpectrum(size: 512, frameLength: 400)
        var power: [Float] = []
        samples.withUnsafeBufferPointer { spectrum.compute($0, offset: 0, into: &power) }
        let peak = power.indices.max { power[$0] < power[$1] }
        #expect(peak == 32) // 1000 Hz / (16000 / 512) Hz per bin
    }
}
