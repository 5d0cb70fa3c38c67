import Foundation

/// The ffmpeg `select` expression that picks candidate frames in one decoding pass, and the
/// reader of what ffmpeg reports about the frames it picked.
///
/// A frame is taken when it is the first one, when its scene score exceeds the threshold (and
/// the last cut is at least `minimumCutSpacing` old and the chunk's cut budget is not spent),
/// or when `interval` seconds have passed since the last taken frame. Expression variables:
/// 0 = time of the last cut, 1 = cuts taken so far.
struct FrameSelection {
    var interval: Double
    var sceneThreshold: Double
    var minimumCutSpacing: Double
    var maxCuts: Int

    var expression: String {
        let cut = "gt(scene,\(Self.number(sceneThreshold)))*gte(t-ld(0),\(Self.number(minimumCutSpacing)))*lt(ld(1),\(maxCuts))"
        // The first frame also puts the last cut far in the past, so a cut right after it counts.
        return "if(isnan(prev_selected_t),st(0,-1000)*0+1,if(\(cut),st(0,t)+st(1,ld(1)+1)+1,gte(t-prev_selected_t,\(Self.number(interval)))))"
    }

    private static func number(_ value: Double) -> String { String(format: "%.6f", value) }

    /// One line pair of the `metadata=mode=print` log: a picked frame's time (relative to the
    /// chunk's start) and its scene score.
    struct Picked: Equatable {
        var time: Double
        var sceneScore: Double
    }

    /// Parses
    /// ```
    /// frame:7    pts:81353   pts_time:6.353
    /// lavfi.scene_score=0.296272
    /// ```
    static func parse(log: String) -> [Picked] {
        var picked: [Picked] = []
        for line in log.split(separator: "\n") {
            if line.hasPrefix("frame:") {
                let time = line.split(separator: " ").first { $0.hasPrefix("pts_time:") }
                    .flatMap { Double($0.dropFirst("pts_time:".count)) }
                picked.append(Picked(time: time ?? .nan, sceneScore: 0))
            } else if line.hasPrefix("lavfi.scene_score="), !picked.isEmpty {
                picked[picked.count - 1].sceneScore = Double(line.dropFirst("lavfi.scene_score=".count)) ?? 0
            }
        }
        return picked
    }
}
