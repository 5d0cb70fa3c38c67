import LoreCore

/// Speech regions of a recording laid end to end (with a short pause between them) for the
/// decoder, and the map from times in that packed audio back to times in the recording.
struct SpeechLayout: Sendable {
    struct Piece: Sendable, Equatable {
        /// Where the piece lies in the original recording, seconds.
        var original: TimeRange
        /// Where it starts in the packed samples, seconds.
        var packedStart: Double
    }

    /// Silence inserted between regions: enough for the decoder to hear a break between
    /// sentences, short enough to waste no compute.
    static let gapSeconds = 0.3

    let pieces: [Piece]
    let samples: [Float]

    /// Copies `regions` of `audio` into one buffer. `minimumSeconds` pads the end with silence:
    /// whisper.cpp ignores inputs under 100 ms and decodes sub-second ones poorly.
    init(audio: AudioBuffer, regions: [TimeRange], minimumSeconds: Double = 1.0) {
        let rate = Double(audio.sampleRate)
        let gap = Int(Self.gapSeconds * rate)
        var samples: [Float] = []
        var pieces: [Piece] = []
        for region in regions {
            let from = max(0, min(audio.samples.count, Int((region.start * rate).rounded())))
            let to = max(from, min(audio.samples.count, Int((region.end * rate).rounded())))
            guard to > from else { continue }
            if !samples.isEmpty { samples.append(contentsOf: repeatElement(0, count: gap)) }
            pieces.append(Piece(original: TimeRange(start: Double(from) / rate, end: Double(to) / rate), packedStart: Double(samples.count) / rate))
            // clamped and made finite: the engine's input is PCM in [-1, 1], whatever the caller built
            samples.append(contentsOf: audio.samples[from..<to].lazy.map { $0.isFinite ? min(1, max(-1, $0)) : 0 })
        }
        let minimum = Int(minimumSeconds * rate)
        if !samples.isEmpty, samples.count < minimum { samples.append(contentsOf: repeatElement(0, count: minimum - samples.count)) }
        self.pieces = pieces
        self.samples = samples
    }

    var isEmpty: Bool { pieces.isEmpty }

    /// A packed time mapped into the recording. Inside a piece the offset is kept; in a gap (or
    /// the padding) a segment start moves to the next piece's start and an end to the previous
    /// piece's end, so no segment claims the removed silence.
    func originalTime(_ packed: Double, isEnd: Bool) -> Double {
        guard let first = pieces.first else { return 0 }
        if packed <= first.packedStart { return first.original.start }
        for (index, piece) in pieces.enumerated() {
            let pieceEnd = piece.packedStart + piece.original.duration
            if packed <= pieceEnd { return piece.original.start + (packed - piece.packedStart) }
            let next = index + 1 < pieces.count ? pieces[index + 1] : nil
            if let next, packed < next.packedStart {
                return isEnd ? piece.original.end : next.original.start
            }
        }
        return pieces[pieces.count - 1].original.end
    }

    /// Groups regions into windows of at most `maxSeconds` of packed audio each, cutting a region
    /// that is longer on its own at the quietest moment near the limit.
    static func windows(of regions: [TimeRange], in audio: AudioBuffer, maxSeconds: Double) -> [[TimeRange]] {
        var pieces: [TimeRange] = []
        for region in regions { pieces.append(contentsOf: split(region, in: audio, maxSeconds: maxSeconds)) }
        var chunks: [[TimeRange]] = []
        var current: [TimeRange] = []
        var length = 0.0
        for piece in pieces {
            let added = piece.duration + (current.isEmpty ? 0 : gapSeconds)
            if !current.isEmpty, length + added > maxSeconds {
                chunks.append(current)
                current = []
                length = 0
            }
            length += piece.duration + (current.isEmpty ? 0 : gapSeconds)
            current.append(piece)
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    private static func split(_ region: TimeRange, in audio: AudioBuffer, maxSeconds: Double) -> [TimeRange] {
        var parts: [TimeRange] = []
        var start = region.start
        while region.end - start > maxSeconds {
            // search the last fifth of the allowed length for the quietest 100 ms
            let cut = quietestMoment(in: audio, from: start + maxSeconds * 0.8, to: start + maxSeconds)
            parts.append(TimeRange(start: start, end: cut))
            start = cut
        }
        parts.append(TimeRange(start: start, end: region.end))
        return parts
    }

    static func quietestMoment(in audio: AudioBuffer, from: Double, to: Double) -> Double {
        let rate = Double(audio.sampleRate)
        let window = max(1, Int(0.1 * rate))
        var best = to
        var bestEnergy = Float.infinity
        var position = Int(from * rate)
        let end = min(audio.samples.count - window, Int(to * rate) - window)
        while position <= end {
            var energy: Float = 0
            for sample in audio.samples[position..<(position + window)] { energy += sample * sample }
            if energy < bestEnergy {
                bestEnergy = energy
                best = (Double(position) + Double(window) / 2) / rate
            }
            position += window / 2
        }
        return best
    }
}
