import LoreCore

/// Merges frame readings, in time order, into spans of unchanged on-screen text.
public struct SlideSpanBuilder: Sendable {
    public var options: SlideTextOptions
    public private(set) var spans: [SlideSpan] = []
    private var open: OpenSpan?

    /// Texts are compared over at most this many characters each, bounding the quadratic edit
    /// distance on very dense frames (4 M steps).
    static let comparedCharacters = 2000

    private struct OpenSpan {
        var start: Double
        var lastTime: Double
        var lastText: [Unicode.Scalar]
        var best: FrameReading
        var bestScore: Double
        var count: Int
    }

    public init(options: SlideTextOptions = SlideTextOptions()) {
        self.options = options
    }

    public mutating func add(_ reading: FrameReading) {
        guard showsText(reading.result) else {
            close(at: reading.time)
            return
        }
        let text = Self.comparable(reading.result.text)
        let score = reading.result.words.map(\.confidence).reduce(0, +)
        if var span = open, EditDistance.normalized(span.lastText, text) <= options.maxTextDistance {
            span.lastTime = reading.time
            span.lastText = text
            span.count += 1
            if score > span.bestScore {
                span.best = reading
                span.bestScore = score
            }
            open = span
            return
        }
        close(at: reading.time)
        open = OpenSpan(start: reading.time, lastTime: reading.time, lastText: text, best: reading, bestScore: score, count: 1)
    }

    /// Closes the last span at `end` (the video's end) and returns every span.
    public mutating func finish(at end: Double) -> [SlideSpan] {
        if let span = open { close(at: max(end, span.lastTime)) }
        return spans
    }

    private mutating func close(at end: Double) {
        guard let span = open else { return }
        open = nil
        spans.append(SlideSpan(
            start: span.start, end: max(end, span.lastTime), text: span.best.result.text, words: span.best.result.words,
            frameTime: span.best.time, frameWidth: span.best.width, frameHeight: span.best.height, frameCount: span.count))
    }

    func showsText(_ result: OCRResult) -> Bool {
        var characters = 0
        for word in result.words where word.confidence >= options.minimumWordConfidence {
            characters += word.text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
            if characters >= options.minimumCharacters { return true }
        }
        return false
    }

    /// Lower-cased, whitespace runs collapsed: layout and case jitter are not changes of text.
    static func comparable(_ text: String) -> [Unicode.Scalar] {
        let collapsed = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Array(collapsed.unicodeScalars.prefix(comparedCharacters))
    }
}
