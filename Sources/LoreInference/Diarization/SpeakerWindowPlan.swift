import Foundation
import LoreCore

/// Where the speaker encoder looks: fixed-length windows of mel frames slid over each speech
/// region, one centred window for a region shorter than a window (it then includes some context).
struct SpeakerWindowPlan {
    struct Window {
        /// Index of the speech region the window belongs to.
        let region: Int
        /// Centre frame, used to decide which frames the window votes for.
        let center: Int
        /// First frame of the window in the spectrogram.
        let start: Int
        /// Share of the window's frames that are voiced speech; low shares make unreliable embeddings.
        let speechFraction: Double
    }

    /// Frame ranges `[first, last)` of the speech regions.
    let regionFrames: [Range<Int>]
    let windows: [Window]
    let windowFrames: Int

    /// `regions` are labelled; `voiced` (detected speech) decides how reliable each window is, so
    /// pauses inside given regions (Whisper segments span them) do not shape the speakers.
    init(regions: [TimeRange], voiced: [TimeRange], totalFrames: Int, framesPerSecond: Double, windowFrames wanted: Int, hopFrames: Int) {
        let windowFrames = min(wanted, totalFrames)
        self.windowFrames = windowFrames
        func frameRange(_ region: TimeRange) -> Range<Int> {
            let first = min(totalFrames, max(0, Int((region.start * framesPerSecond).rounded(.down))))
            let last = min(totalFrames, max(first, Int((region.end * framesPerSecond).rounded(.up))))
            return first ..< last
        }
        let regionFrames = regions.map(frameRange)
        self.regionFrames = regionFrames

        // Prefix sums of the mask "inside a region and voiced".
        var inRegion = [Bool](repeating: false, count: totalFrames)
        for range in regionFrames { for f in range { inRegion[f] = true } }
        var mask = [Bool](repeating: false, count: totalFrames)
        for range in voiced.map(frameRange) { for f in range { mask[f] = inRegion[f] } }
        var inSpeech = [Int](repeating: 0, count: totalFrames + 1)
        for f in 0..<totalFrames { inSpeech[f + 1] = inSpeech[f] + (mask[f] ? 1 : 0) }

        var windows: [Window] = []
        guard windowFrames > 0 else { self.windows = []; return }
        for (index, range) in regionFrames.enumerated() where !range.isEmpty {
            let centers: [Int]
            if range.count <= windowFrames {
                centers = [range.lowerBound + range.count / 2]
            } else {
                let span = range.count - windowFrames
                let steps = Int((Double(span) / Double(max(1, hopFrames))).rounded(.up))
                centers = (0...steps).map { range.lowerBound + windowFrames / 2 + Int((Double($0 * span) / Double(steps)).rounded()) }
            }
            for center in centers {
                let start = min(max(0, center - windowFrames / 2), totalFrames - windowFrames)
                let speech = inSpeech[start + windowFrames] - inSpeech[start]
                windows.append(Window(region: index, center: center, start: start,
                                      speechFraction: Double(speech) / Double(windowFrames)))
            }
        }
        self.windows = windows
    }
}
