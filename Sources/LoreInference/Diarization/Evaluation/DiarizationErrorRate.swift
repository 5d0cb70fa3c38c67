import Foundation
import LoreCore

/// The parts of a diarization error rate, in seconds of scored reference speech.
public struct DiarizationScore: Sendable, Codable, Equatable {
    /// Scored reference speech, counting each overlapping speaker (the denominator).
    public var referenceSpeech: Double
    public var missed: Double
    public var falseAlarm: Double
    public var confusion: Double
    public var referenceSpeakers: Int
    public var hypothesisSpeakers: Int
    /// Hypothesis label → reference label of the optimal one-to-one mapping.
    public var mapping: [String: String]

    public var errorRate: Double { referenceSpeech > 0 ? (missed + falseAlarm + confusion) / referenceSpeech : 0 }
    public var missedRate: Double { referenceSpeech > 0 ? missed / referenceSpeech : 0 }
    public var falseAlarmRate: Double { referenceSpeech > 0 ? falseAlarm / referenceSpeech : 0 }
    public var confusionRate: Double { referenceSpeech > 0 ? confusion / referenceSpeech : 0 }
}

/// Diarization error rate as NIST's md-eval computes it: (missed + false alarm + speaker
/// confusion) / total reference speech, overlapping speech scored, a forgiveness collar of
/// `collar` seconds on each side of every reference turn boundary left out of scoring, and
/// hypothesis speakers mapped one-to-one to reference speakers so that they overlap the most.
///
/// Note: md-eval's `-c 0.25` is ±0.25 s; pyannote.metrics' `collar=0.5` means the same.
public enum DiarizationErrorRate {
    public static func score(reference: [SpeakerTurn], hypothesis: [SpeakerTurn], collar: Double = 0.25) -> DiarizationScore {
        let referenceNames = orderedNames(reference), hypothesisNames = orderedNames(hypothesis)
        let pieces = elementaryPieces(reference: reference, hypothesis: hypothesis,
                                      referenceNames: referenceNames, hypothesisNames: hypothesisNames, collar: collar)
        var overlap = [[Double]](repeating: [Double](repeating: 0, count: hypothesisNames.count), count: referenceNames.count)
        for piece in pieces {
            for r in piece.reference { for h in piece.hypothesis { overlap[r][h] += piece.duration } }
        }
        let assignment = OptimalAssignment.maximizing(overlap)  // reference index → hypothesis index
        var hypothesisToReference = [Int: Int]()
        for (r, h) in assignment.enumerated() where h >= 0 { hypothesisToReference[h] = r }

        var score = DiarizationScore(referenceSpeech: 0, missed: 0, falseAlarm: 0, confusion: 0,
                                     referenceSpeakers: referenceNames.count, hypothesisSpeakers: hypothesisNames.count,
                                     mapping: [:])
        for (h, r) in hypothesisToReference { score.mapping[hypothesisNames[h]] = referenceNames[r] }
        for piece in pieces {
            let referenceCount = piece.reference.count, hypothesisCount = piece.hypothesis.count
            let correct = piece.hypothesis.filter { h in hypothesisToReference[h].map(piece.reference.contains) ?? false }.count
            score.referenceSpeech += piece.duration * Double(referenceCount)
            score.missed += piece.duration * Double(max(0, referenceCount - hypothesisCount))
            score.falseAlarm += piece.duration * Double(max(0, hypothesisCount - referenceCount))
            score.confusion += piece.duration * Double(min(referenceCount, hypothesisCount) - correct)
        }
        return score
    }

    /// A stretch of time in which the same speakers talk in both annotations.
    private struct Piece {
        let duration: Double
        let reference: [Int]
        let hypothesis: [Int]
    }

    private static func orderedNames(_ turns: [SpeakerTurn]) -> [String] {
        var seen = Set<String>()
        return turns.sorted { $0.start < $1.start }.compactMap { seen.insert($0.speaker).inserted ? $0.speaker : nil }
    }

    /// Cuts time at every boundary of either annotation and of the collars, keeping the scored pieces.
    private static func elementaryPieces(reference: [SpeakerTurn], hypothesis: [SpeakerTurn],
                                         referenceNames: [String], hypothesisNames: [String], collar: Double) -> [Piece] {
        let reference = reference.filter { $0.end > $0.start }, hypothesis = hypothesis.filter { $0.end > $0.start }
        var unscored: [(Double, Double)] = []
        if collar > 0 {
            for turn in reference { unscored += [(turn.start - collar, turn.start + collar), (turn.end - collar, turn.end + collar)] }
        }
        unscored = mergedIntervals(unscored)
        var cuts = Set<Double>()
        for turn in reference + hypothesis { cuts.insert(turn.start); cuts.insert(turn.end) }
        for zone in unscored { cuts.insert(zone.0); cuts.insert(zone.1) }
        let times = cuts.sorted()

        let referenceIndex = Dictionary(uniqueKeysWithValues: referenceNames.enumerated().map { ($1, $0) })
        let hypothesisIndex = Dictionary(uniqueKeysWithValues: hypothesisNames.enumerated().map { ($1, $0) })
        // Per-speaker activity counts maintained by a sweep over turn starts and ends.
        var referenceEvents = events(reference, index: referenceIndex)
        var hypothesisEvents = events(hypothesis, index: hypothesisIndex)
        var referenceActive = [Int](repeating: 0, count: referenceNames.count)
        var hypothesisActive = [Int](repeating: 0, count: hypothesisNames.count)
        var zone = 0
        var pieces: [Piece] = []
        for (a, b) in zip(times, times.dropFirst()) {
            apply(&referenceEvents, upTo: a, to: &referenceActive)
            apply(&hypothesisEvents, upTo: a, to: &hypothesisActive)
            let middle = (a + b) / 2
            while zone < unscored.count && unscored[zone].1 <= middle { zone += 1 }
            if zone < unscored.count && unscored[zone].0 < middle && middle < unscored[zone].1 { continue }
            let r = referenceActive.indices.filter { referenceActive[$0] > 0 }
            let h = hypothesisActive.indices.filter { hypothesisActive[$0] > 0 }
            if !r.isEmpty || !h.isEmpty { pieces.append(Piece(duration: b - a, reference: r, hypothesis: h)) }
        }
        return pieces
    }

    private typealias Event = (time: Double, speaker: Int, delta: Int)

    private static func events(_ turns: [SpeakerTurn], index: [String: Int]) -> ArraySlice<Event> {
        let list = turns.flatMap { turn -> [Event] in
            let speaker = index[turn.speaker]!
            return [(turn.start, speaker, 1), (turn.end, speaker, -1)]
        }
        return ArraySlice(list.sorted { $0.time < $1.time })
    }

    private static func apply(_ events: inout ArraySlice<Event>, upTo time: Double, to active: inout [Int]) {
        while let next = events.first, next.time <= time {
            active[next.speaker] += next.delta
            events.removeFirst()
        }
    }

    private static func mergedIntervals(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
        var merged: [(Double, Double)] = []
        for interval in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let last = merged.last, interval.0 <= last.1 {
                merged[merged.count - 1].1 = max(last.1, interval.1)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}
