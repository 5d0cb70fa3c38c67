import CTesseract
import LoreCore

/// A piece of the upright page prepared for Tesseract, and how to map its pixels back.
struct OCRRegion {
    let image: LeptonicaImage
    /// Where the region lies in the upright page, in page pixels.
    let frame: PixelRect
    /// Region pixels per page pixel (> 1 when small text was enlarged).
    let scale: Double
    let pageSegMode: TessPageSegMode
    /// The thresholded lower band of a video frame, read for bright subtitles.
    let isSubtitleBand: Bool

    /// A box in region pixels mapped to upright-page pixels.
    func pageBox(_ box: BoundingBox) -> BoundingBox {
        BoundingBox(x: Double(frame.x) + box.x / scale, y: Double(frame.y) + box.y / scale,
                    width: box.width / scale, height: box.height / scale)
    }
}

/// Turns an upright grey page into regions according to what kind of picture it is.
///
/// - every kind: blank panels are skipped and margins around the content cropped away;
///   a region whose background is dark (dark themes, white-on-black slides) is
///   inverted, since Tesseract reads dark text on light best;
/// - screenshots and video frames: split into panels with different backgrounds first, and
///   small text (typical UI fonts are 7–9 px high) is enlarged towards `targetTextHeight`
///   with bicubic interpolation;
/// - documents: enlarged only when the text is tiny (low-resolution scans);
/// - video frames: the lower band is also read thresholded for white subtitles over video
///   (white in every channel, so yellow or cyan scenery of the same brightness is not taken for
///   text; yellow captions are therefore read only by the ordinary pass).
struct OCRPreprocessor {
    var splitter = PanelSplitter()
    /// Median height of letter-sized components that text is enlarged to (5 px letters of a
    /// 720p frame read best enlarged 3–4×).
    var targetTextHeight = 18.0
    var maxScale = 4.0
    /// Regions are never enlarged beyond this many pixels.
    var maxRegionPixels = 24_000_000
    /// Fraction of the frame's height, from the bottom, searched for subtitles.
    var subtitleBandFraction = 0.35
    /// Level every colour channel must reach for a video-frame pixel to count as caption text.
    var subtitleBrightness = 200

    /// `page` is the upright grey page; `whiteness` (video frames only) the same page's darkest
    /// channel per pixel (see `LeptonicaImage.whiteness`).
    func regions(of page: LeptonicaImage, whiteness: LeptonicaImage? = nil, hint: OCRContentHint) throws -> [OCRRegion] {
        let pixels = try page.grayPixels()
        let panels = hint == .document
            ? [PixelRect(x: 0, y: 0, width: page.width, height: page.height)]
            : splitter.panels(of: pixels)
        var regions: [OCRRegion] = []
        for panel in panels {
            let panelPixels = panel.width == page.width && panel.height == page.height ? pixels : pixels.cropped(to: panel)
            let histogram = Histogram(panelPixels)
            // Blank panels hold no text; margins around the content only cost recognition time
            // (most of all once enlarged: a page shown small in a 720p frame).
            guard let content = panelPixels.contentBounds(background: UInt8(histogram.median), tolerance: 48) else { continue }
            let frame = Self.padded(content, by: 12, within: panel)
            let isWhole = frame.width == page.width && frame.height == page.height
            let image = isWhole ? page : try page.cropped(to: frame)
            let framePixels = isWhole ? pixels : pixels.cropped(to: frame)
            regions.append(try prepare(image, framePixels, frame: frame, hint: hint))
        }
        if hint == .videoFrame, let whiteness, let band = try subtitleBand(of: whiteness) { regions.append(band) }
        return regions
    }

    /// `content` (relative to `panel`) grown by `margin` on every side, kept inside `panel`, in page pixels.
    static func padded(_ content: PixelRect, by margin: Int, within panel: PixelRect) -> PixelRect {
        let left = max(0, content.x - margin), top = max(0, content.y - margin)
        let right = min(panel.width, content.x + content.width + margin)
        let bottom = min(panel.height, content.y + content.height + margin)
        return PixelRect(x: panel.x + left, y: panel.y + top, width: right - left, height: bottom - top)
    }

    private func prepare(_ image: LeptonicaImage, _ pixels: GrayImage, frame: PixelRect, hint: OCRContentHint) throws -> OCRRegion {
        let histogram = Histogram(pixels)
        var normalized = image
        var threshold = histogram.otsuThreshold
        if histogram.median < 110 {
            normalized = try image.inverted()
            threshold = 255 - threshold
        }
        let smallText: Double = hint == .document ? 11 : 17
        let height = try Self.medianTextHeight(normalized, threshold: threshold)
        let scale = enlargement(textHeight: height, below: smallText, pixels: pixels.width * pixels.height)
        if scale > 1 { normalized = try LeptonicaImage(gray: normalized.grayPixels().bicubicScaled(by: scale)) }
        return OCRRegion(image: normalized, frame: frame, scale: scale, pageSegMode: PSM_AUTO, isSubtitleBand: false)
    }

    private func subtitleBand(of whiteness: LeptonicaImage) throws -> OCRRegion? {
        let top = Int(Double(whiteness.height) * (1 - subtitleBandFraction))
        let frame = PixelRect(x: 0, y: top, width: whiteness.width, height: whiteness.height - top)
        guard frame.height >= 8, frame.width >= 8 else { return nil }
        let bright = try whiteness.cropped(to: frame).grayPixels().pixels.reduce(0) { $0 + ($1 >= UInt8(subtitleBrightness) ? 1 : 0) }
        // No bright text at all, or a bright scene rather than captions: nothing to gain.
        let fraction = Double(bright) / Double(frame.width * frame.height)
        guard fraction > 0.002, fraction < 0.35 else { return nil }
        // Bright pixels become black text on white; everything else (the video) white.
        var band = try whiteness.cropped(to: frame).inverted().binarized(threshold: 256 - subtitleBrightness)
        let height = try Self.medianTextHeight(band, threshold: 1)
        let scale = enlargement(textHeight: height, below: 17, pixels: frame.width * frame.height)
        if scale > 1 {
            // Enlarge as grey so the letters' edges stay smooth, then threshold again.
            band = try LeptonicaImage(gray: band.grayPixels().bicubicScaled(by: scale)).binarized(threshold: 128)
        }
        return OCRRegion(image: band, frame: frame, scale: scale, pageSegMode: PSM_SINGLE_BLOCK, isSubtitleBand: true)
    }

    private func enlargement(textHeight: Double?, below limit: Double, pixels: Int) -> Double {
        guard let textHeight, textHeight < limit else { return 1 }
        let wanted = min(maxScale, targetTextHeight / max(textHeight, 1))
        let affordable = (Double(maxRegionPixels) / Double(max(pixels, 1))).squareRoot()
        let scale = min(wanted, affordable)
        return scale > 1.2 ? scale : 1
    }

    /// Median height of connected components shaped like letters, or nil with too few of them.
    /// `image` has dark text; 1-bit images are used as they are.
    static func medianTextHeight(_ image: LeptonicaImage, threshold: Int) throws -> Double? {
        let binary = image.depth == 1 ? image : try image.grayscale().binarized(threshold: max(1, threshold))
        let limit = max(4, binary.height / 2)
        let heights = binary.connectedComponentBoxes()
            .filter { $0.height >= 4 && $0.height <= limit && $0.width <= 4 * $0.height }
            .map(\.height)
            .sorted()
        guard heights.count >= 8 else { return nil }
        return Double(heights[heights.count / 2])
    }
}

/// A 256-bin grey histogram with the statistics the preprocessor needs.
struct Histogram {
    private(set) var counts = [Int](repeating: 0, count: 256)
    let total: Int

    init(_ image: GrayImage) {
        for value in image.pixels { counts[Int(value)] += 1 }
        total = image.pixels.count
    }

    var median: Int {
        var seen = 0
        for value in 0..<256 {
            seen += counts[value]
            if seen * 2 >= total { return value }
        }
        return 255
    }

    /// Otsu's threshold: the grey level that best separates two classes (pixels below it are dark).
    var otsuThreshold: Int {
        guard total > 0 else { return 128 }
        let weightedTotal = counts.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var backgroundCount = 0.0, backgroundSum = 0.0
        var best = 128, bestVariance = -1.0
        for level in 0..<256 {
            backgroundCount += Double(counts[level])
            guard backgroundCount > 0 else { continue }
            let foregroundCount = Double(total) - backgroundCount
            guard foregroundCount > 0 else { break }
            backgroundSum += Double(level * counts[level])
            let meanBackground = backgroundSum / backgroundCount
            let meanForeground = (weightedTotal - backgroundSum) / foregroundCount
            let variance = backgroundCount * foregroundCount * (meanBackground - meanForeground) * (meanBackground - meanForeground)
            if variance > bestVariance {
                bestVariance = variance
                best = level + 1
            }
        }
        return best
    }
}
