import Foundation
import LoreCore

/// Turns window embeddings and speaker centroids into labelled turns.
///
/// Each frame of a speech region takes the speaker whose centroid is, on average, most similar to
/// the windows covering that frame (windows of the same region only), which places a change of
/// speaker between the windows that disagree rather than at a window's edge. Runs shorter than
/// `minimumTurnFrames` are then given to their longer neighbour: nobody speaks for 0.1 s.
struct SpeakerTurnBuilder {
    let plan: SpeakerWindowPlan
    let framesPerSecond: Double
    let minimumTurnFrames: Int

    /// Turns in time order, speakers as centroid indices.
    func turns(regions: [TimeRange], embeddings: [[Float]], centroids: [[Float]]) -> [(range: TimeRange, speaker: Int)] {
        var windowsOfRegion = [[Int]](repeating: [], count: regions.count)
        for (index, window) in plan.windows.enumerated() { windowsOfRegion[window.region].append(index) }
        let half = plan.windowFrames / 2
        var result: [(range: TimeRange, speaker: Int)] = []
        for (regionIndex, frames) in plan.regionFrames.enumerated() {
            let members = windowsOfRegion[regionIndex]
            guard !frames.isEmpty, !members.isEmpty else { continue }
            let similarities = members.map { w in centroids.map { EmbeddingMath.dot(embeddings[w], $0) } }
            var labels: [Int] = []
            labels.reserveCapacity(frames.count)
            // Window centres ascend, so the windows covering a frame are a sliding range lo..<hi.
            let centers = members.map { plan.windows[$0].center }
            var lo = 0, hi = 0
            for frame in frames {
                while hi < centers.count && centers[hi] <= frame + half { hi += 1 }
                while lo < hi && centers[lo] < frame - half { lo += 1 }
                var covering = lo ..< hi
                if covering.isEmpty {
                    // No window reaches this frame: use the nearest one on either side.
                    let before = lo - 1, after = lo
                    let useBefore = after >= centers.count || (before >= 0 && frame - centers[before] <= centers[after] - frame)
                    covering = useBefore ? before ..< before + 1 : after ..< after + 1
                }
                var best = 0
                var bestScore = -Float.infinity
                for speaker in centroids.indices {
                    var score: Float = 0
                    for w in covering { score += similarities[w][speaker] }
                    if score > bestScore { best = speaker; bestScore = score }
                }
                labels.append(best)
            }
            let runs = smoothed(runs(of: labels))
            let region = regions[regionIndex]
            var offset = frames.lowerBound
            for (position, run) in runs.enumerated() {
                let start = position == 0 ? region.start : Double(offset) / framesPerSecond
                offset += run.length
                let end = position == runs.count - 1 ? region.end : Double(offset) / framesPerSecond
                if end > start { result.append((TimeRange(start: start, end: end), run.speaker)) }
            }
        }
        return result
    }

    private func runs(of labels: [Int]) -> [(speaker: Int, length: Int)] {
        var runs: [(speaker: Int, length: Int)] = []
        for label in labels {
            if let last = runs.last, last.speaker == label {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((label, 1))
            }
        }
        return runs
    }

    /// Repeatedly gives the shortest run below the minimum to its longer neighbour.
    private func smoothed(_ runs: [(speaker: Int, length: Int)]) -> [(speaker: Int, length: Int)] {
        var runs = runs
        while runs.count > 1 {
            let shortest = runs.indices.min { runs[$0].length < runs[$1].length }!
            guard runs[shortest].length < minimumTurnFrames else { break }
            let left = shortest > 0 ? shortest - 1 : nil
            let right = shortest < runs.count - 1 ? shortest + 1 : nil
            let neighbour: Int
            switch (left, right) {
            case let (l?, r?): neighbour = runs[l].length >= runs[r].length ? l : r
            case let (l?, nil): neighbour = l
            case let (nil, r?): neighbour = r
            default: return runs
            }
            runs[neighbour].length += runs[shortest].length
            runs.remove(at: shortest)
            // Neighbours that now carry the same speaker become one run.
            var merged: [(speaker: Int, length: Int)] = []
            for run in runs {
                if let last = merged.last, last.speaker == run.speaker {
                    merged[merged.count - 1].length += run.length
                } else {
                    merged.append(run)
                }
            }
            runs = merged
        }
        return runs
    }
}
