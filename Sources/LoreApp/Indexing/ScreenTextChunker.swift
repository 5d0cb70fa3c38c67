import Foundation
import LoreCore
import LoreMedia

/// One chunk per span of unchanged on-screen text (slides, screen shares) with its start and
/// end time and the frame it was read from; one chunk (or a few, by paragraph) per image.
public struct ScreenTextChunker: Sendable {
    public struct Span: Sendable {
        public var start: Double
        public var end: Double
        public var text: String
        public var frameTime: Double?
        public init(start: Double, end: Double, text: String, frameTime: Double?) {
            self.start = start
            self.end = end
            self.text = text
            self.frameTime = frameTime
        }
    }

    public var targetTokens: Int
    public var tokenCount: @Sendable (String) -> Int

    public init(targetTokens: Int = 240, tokenCount: @escaping @Sendable (String) -> Int = TokenEstimator.estimate) {
        self.targetTokens = targetTokens
        self.tokenCount = tokenCount
    }

    public func chunks(spans: [Span], language: String? = nil) -> [ChunkDraft] {
        spans.compactMap { span in
            let text = Self.clean(span.text)
            guard !text.isEmpty else { return nil }
            return ChunkDraft(content: text, kind: .ocr, startSeconds: span.start, endSeconds: span.end,
                              frameTime: span.frameTime ?? span.start, language: language, tokenCount: tokenCount(text),
                              chunkingStrategy: "slide_span", structureType: "screen", boundaryType: "slide_change")
        }
    }

    /// An image's text: paragraphs packed into chunks of at most `targetTokens`.
    public func chunks(imageText: String, language: String? = nil) -> [ChunkDraft] {
        let paragraphs = imageText.components(separatedBy: "\n\n").map(Self.clean).filter { !$0.isEmpty }
        var drafts: [ChunkDraft] = []
        var current: [String] = []
        var tokens = 0
        func close(_ boundary: String) {
            guard !current.isEmpty else { return }
            let text = current.joined(separator: "\n")
            drafts.append(ChunkDraft(content: text, kind: .ocr, language: language, tokenCount: tokens,
                                     chunkingStrategy: "image", structureType: "image_text", boundaryType: boundary))
            current = []
            tokens = 0
        }
        for paragraph in paragraphs {
            let count = tokenCount(paragraph)
            if tokens > 0 && tokens + count > targetTokens { close("size_limit") }
            current.append(paragraph)
            tokens += count
        }
        close("end")
        return drafts
    }

    /// An image's text with its words' boxes: each chunk gets the box around its words
    /// (`bbox`, pixels of the image) and the words themselves (`metadata["words"]`, JSON
    /// `[[x, y, width, height, "text"], …]`) so a viewer can mark a match. Words are matched to
    /// chunks in reading order; when the OCR words do not line up with the text, no boxes.
    public func chunks(imageText: String, words: [OCRWord], language: String? = nil) -> [ChunkDraft] {
        var drafts = chunks(imageText: imageText, language: language)
        let counts = drafts.map { $0.content.split(whereSeparator: \.isWhitespace).count }
        let spoken = words.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        guard counts.reduce(0, +) == spoken.count else { return drafts }
        var next = 0
        for index in drafts.indices {
            let own = spoken[next..<(next + counts[index])]
            next += counts[index]
            guard let box = BoundingBox.union(own.map(\.box)) else { continue }
            drafts[index].bbox = box
            let rows: [[Any]] = own.map { [$0.box.x, $0.box.y, $0.box.width, $0.box.height, $0.text] }
            if let data = try? JSONSerialization.data(withJSONObject: rows) { drafts[index].metadata["words"] = String(decoding: data, as: UTF8.self) }
        }
        return drafts
    }

    /// Whitespace collapsed per line, empty lines dropped.
    static func clean(_ text: String) -> String {
        text.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
