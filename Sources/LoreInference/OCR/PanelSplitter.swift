/// Splits a screenshot into panels whose backgrounds differ (a dark sidebar beside a light
/// editor, a terminal under a browser), so each panel can be normalised on its own: Tesseract
/// binarises a page with one global threshold, which loses light-on-dark text next to
/// dark-on-light text.
///
/// A recursive XY-cut: along each axis, the median grey of every column (or row) is the
/// background there, since text covers a minority of any line. A cut goes where that median
/// steps by at least `minimumStep` grey levels, or through a thin divider line that stands
/// out from both sides. Panels smaller than `minimumPanel` pixels are never made. When no axis
/// has a clean cut (the medians alternate, as they do where ink and a dark panel together fill
/// half a column) the other axis is tried first.
public struct PanelSplitter: Sendable {
    public var minimumStep: Int
    public var minimumPanel: Int
    public var maximumDepth: Int
    public var maximumPanels: Int

    public init(minimumStep: Int = 64, minimumPanel: Int = 48, maximumDepth: Int = 3, maximumPanels: Int = 12) {
        self.minimumStep = minimumStep
        self.minimumPanel = minimumPanel
        self.maximumDepth = maximumDepth
        self.maximumPanels = maximumPanels
    }

    /// Panels in reading order (top to bottom, then left to right); the whole image when there are none.
    public func panels(of image: GrayImage) -> [PixelRect] {
        let whole = PixelRect(x: 0, y: 0, width: image.width, height: image.height)
        guard image.width > 0, image.height > 0 else { return [whole] }
        var result = split(image, whole, depth: 0)
        if result.count > maximumPanels { result = [whole] }
        return result
    }

    private func split(_ image: GrayImage, _ rect: PixelRect, depth: Int) -> [PixelRect] {
        guard depth < maximumDepth else { return [rect] }
        // Columns first: side-by-side panels are the common screenshot layout.
        for vertical in [true, false] {
            let profile = backgroundProfile(image, rect, alongX: vertical)
            let cuts = cutPositions(profile)
            guard !cuts.isEmpty else { continue }
            let bounds = [0] + cuts + [profile.count]
            var pieces: [PixelRect] = []
            for index in 0..<(bounds.count - 1) {
                let start = bounds[index], end = bounds[index + 1]
                let piece = vertical
                    ? PixelRect(x: rect.x + start, y: rect.y, width: end - start, height: rect.height)
                    : PixelRect(x: rect.x, y: rect.y + start, width: rect.width, height: end - start)
                pieces += split(image, piece, depth: depth + 1)
            }
            return pieces
        }
        return [rect]
    }

    /// Median grey of each column (alongX) or row of `rect`, from a sample of at most 400 lines across.
    private func backgroundProfile(_ image: GrayImage, _ rect: PixelRect, alongX: Bool) -> [Int] {
        let length = alongX ? rect.width : rect.height
        let across = alongX ? rect.height : rect.width
        let step = max(1, across / 400)
        var profile = [Int](repeating: 0, count: length)
        var histogram = [Int](repeating: 0, count: 256)
        for position in 0..<length {
            for index in 0..<256 { histogram[index] = 0 }
            var samples = 0
            var offset = 0
            while offset < across {
                let x = alongX ? rect.x + position : rect.x + offset
                let y = alongX ? rect.y + offset : rect.y + position
                histogram[Int(image[x, y])] += 1
                samples += 1
                offset += step
            }
            var seen = 0, median = 0
            for value in 0..<256 {
                seen += histogram[value]
                if seen * 2 >= samples { median = value; break }
            }
            profile[position] = median
        }
        return profile
    }

    /// Positions where the background steps or a divider line sits, keeping panels large enough.
    private func cutPositions(_ profile: [Int]) -> [Int] {
        let window = 8
        guard profile.count >= 2 * minimumPanel else { return [] }
        var cuts: [Int] = []
        var position = minimumPanel
        let limit = profile.count - minimumPanel
        while position <= limit {
            let leftWindow = profile[max(0, position - window)..<position]
            let rightWindow = profile[position..<min(profile.count, position + window)]
            // A background step: both sides steady (not columns alternating between ink and
            // background) and far apart.
            if isSteady(leftWindow) && isSteady(rightWindow) && abs(median(leftWindow) - median(rightWindow)) >= minimumStep {
                // Move to the strongest step nearby so the cut sits on the edge itself.
                var best = position, bestStep = 0
                for candidate in position..<min(limit + 1, position + window) {
                    let step = abs(profile[candidate] - profile[candidate - 1])
                    if step > bestStep { best = candidate; bestStep = step }
                }
                if best - (cuts.last ?? 0) >= minimumPanel { cuts.append(best) }
                position = best + window
                continue
            }
            if let divider = dividerEnd(profile, at: position, window: window) {
                let center = (position + divider) / 2
                if center - (cuts.last ?? 0) >= minimumPanel { cuts.append(center) }
                position = divider + window
                continue
            }
            position += 1
        }
        // The last panel must be large enough too.
        while let last = cuts.last, profile.count - last < minimumPanel { cuts.removeLast() }
        return cuts
    }

    /// A run of at most 4 lines starting at `position` that differs by `minimumStep / 2` from
    /// the backgrounds on both sides (which match each other): a divider line. Returns its end.
    private func dividerEnd(_ profile: [Int], at position: Int, window: Int) -> Int? {
        let threshold = minimumStep / 2
        guard position >= window else { return nil }
        let beforeWindow = profile[(position - window)..<position]
        let before = median(beforeWindow)
        guard isSteady(beforeWindow), abs(profile[position] - before) >= threshold else { return nil }
        var end = position
        while end < profile.count && end - position < 5 && abs(profile[end] - before) >= threshold { end += 1 }
        guard end - position <= 4, end + window <= profile.count else { return nil }
        let afterWindow = profile[end..<(end + window)]
        return isSteady(afterWindow) && abs(median(afterWindow) - before) < threshold ? end : nil
    }

    private func isSteady(_ values: ArraySlice<Int>) -> Bool {
        guard let low = values.min(), let high = values.max() else { return false }
        return high - low < minimumStep / 2
    }

    private func median(_ values: ArraySlice<Int>) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
