/// Decoded mono PCM samples in [-1, 1]. Speech engines take 16 kHz; decoding and resampling
/// happen before (ffmpeg in `LoreMedia`), so engines never parse containers.
public struct AudioBuffer: Sendable {
    public static let speechSampleRate = 16_000

    public var sampleRate: Int
    public var samples: [Float]

    public init(sampleRate: Int = AudioBuffer.speechSampleRate, samples: [Float]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}
