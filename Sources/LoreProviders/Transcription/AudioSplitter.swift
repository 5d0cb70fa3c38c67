/// Cuts long audio into pieces short enough to upload (OpenAI accepts 25 MB, about 13 minutes
/// of 16 kHz 16-bit WAV), placing each cut at the quietest 100 ms near the nominal boundary so
/// words are rarely split.
enum AudioSplitter {
    /// Sample ranges covering `samples` in order, each at most `maxSamples` long.
    static func pieces(of samples: [Float], sampleRate: Int, maxSamples: Int) -> [Range<Int>] {
        guard samples.count > maxSamples, maxSamples > 0 else { return [0..<samples.count] }
        let frame = max(1, sampleRate / 10)
        // Search the last fifth of each piece for a quiet spot.
        let window = max(frame, maxSamples / 5)
        var ranges: [Range<Int>] = []
        var start = 0
        while samples.count - start > maxSamples {
            let latest = start + maxSamples
            var cut = latest
            var quietest = Float.infinity
            var frameStart = latest - frame
            while frameStart >= max(start + frame, latest - window) {
                var energy: Float = 0
                for index in frameStart..<(frameStart + frame) {
                    let sample = samples[index].isFinite ? samples[index] : 0
                    energy += sample * sample
                }
                if energy < quietest {
                    quietest = energy
                    cut = frameStart + frame / 2
                }
                frameStart -= frame
            }
            ranges.append(start..<cut)
            start = cut
        }
        ranges.append(start..<samples.count)
        return ranges
    }
}
