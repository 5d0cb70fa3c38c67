import LoreCore

/// Turns poppler's page layouts into document blocks: tables from aligned text, running
/// headers and footers (text repeated at the top or bottom of most pages), headings (lines
/// clearly taller than the body text), list items (lines opening with a bullet or a number),
/// and paragraphs.
struct PDFPageAssembler {
    let pages: [PDFPageLayout]
    private let bodyLineHeight: Double
    private let repeatedMargins: Set<String>
    var tableDetector = PDFTableDetector()

    init(pages: [PDFPageLayout]) {
        self.pages = pages
        // Body text: the median height of lines long enough to be prose.
        let lines = pages.flatMap { $0.blocks.flatMap(\.lines) }
        let prose = lines.filter { $0.text.count >= 20 }.map(\.box.height).sorted()
        let all = lines.map(\.box.height).sorted()
        let heights = prose.isEmpty ? all : prose
        bodyLineHeight = heights.isEmpty ? 10 : max(heights[heights.count / 2], 1)
        repeatedMargins = Self.repeatedMarginTexts(pages)
    }

    func assemble(page: PDFPageLayout, into builder: inout DocumentBuilder) throws {
        let detected = tableDetector.detect(on: page)
        var placed = Set<Int>()
        var carried: [PDFTextLine] = []
        for (blockIndex, block) in page.blocks.enumerated() {
            // A table goes where its first block was in reading order.
            for (tableIndex, table) in detected.tables.enumerated() where !placed.contains(tableIndex) {
                if table.lines.contains(where: { $0.block == blockIndex }) {
                    placed.insert(tableIndex)
                    try builder.addTable(table.rows, page: page.number, bbox: table.box.rounded, source: .layout)
                }
            }
            var lines = block.lines.enumerated().filter { !detected.consumedLines.contains(.init(block: blockIndex, line: $0.offset)) }.map(\.element)
            guard !lines.isEmpty else { continue }
            // A section number that poppler split from its heading ("1" | "Introduction") joins it.
            if !carried.isEmpty, let first = lines.first, let number = carried.last,
               abs(first.box.midY - number.box.midY) < 0.3 * max(number.box.height, 1), first.box.x > number.box.x {
                lines[0] = PDFTextLine(box: number.box.union(first.box), words: number.words + first.words)
                carried = []
            } else if !carried.isEmpty {
                try addBlock(carried, page: page, into: &builder)
                carried = []
            }
            if lines.count == 1, Self.isSectionNumber(lines[0].text), blockIndex + 1 < page.blocks.count {
                carried = lines
                continue
            }
            try addBlock(lines, page: page, into: &builder)
        }
        if !carried.isEmpty { try addBlock(carried, page: page, into: &builder) }
    }

    /// "3", "2.1", "4.2.1." — a heading's number on its own.
    static func isSectionNumber(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 8, text.first?.isNumber == true else { return false }
        return text.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." }
    }

    private func addBlock(_ lines: [PDFTextLine], page: PDFPageLayout, into builder: inout DocumentBuilder) throws {
        guard let box = BoundingBox.union(lines.map(\.box)) else { return }
        let text = Self.join(lines.map(\.text))
        if let zone = Self.marginZone(box, page: page), repeatedMargins.contains(zone + Self.key(text)) {
            try builder.add(text, zone == "top:" ? .header : .footer, page: page.number, bbox: box.rounded)
            return
        }
        let heights = lines.map(\.box.height).sorted()
        let ratio = heights[heights.count / 2] / bodyLineHeight
        if lines.count <= 2, text.count <= 200, ratio >= 1.2, text.contains(where: \.isLetter) {
            let level = ratio >= 1.8 ? 1 : ratio >= 1.4 ? 2 : 3
            try builder.add(text, .heading(level: level), page: page.number, bbox: box.rounded)
            return
        }
        // Split at lines that open a list item.
        var item: [PDFTextLine] = []
        var itemIsList = false
        func flush() throws {
            guard let itemBox = BoundingBox.union(item.map(\.box)) else { return }
            try builder.add(Self.join(item.map(\.text)), itemIsList ? .listItem(level: 0) : .paragraph, page: page.number, bbox: itemBox.rounded)
            item = []
        }
        let numbered = lines.filter { Self.opensNumberedItem($0.text) }.count >= 2
        for line in lines {
            let opens = Self.opensBulletItem(line.text) || (numbered && Self.opensNumberedItem(line.text))
            if opens {
                try flush()
                itemIsList = true
            }
            item.append(line)
        }
        try flush()
    }

    // MARK: Helpers

    /// Lines of one block joined with spaces; a hyphen that splits a lower-case word across a
    /// line break is removed ("exam-" + "ple" → "example").
    static func join(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            if text.isEmpty { text = line; continue }
            let chars = Array(text.suffix(2))
            if chars.count == 2, chars[1] == "-", chars[0].isLowercase, line.first?.isLowercase == true {
                text.removeLast()
                text += line
            } else {
                text += " " + line
            }
        }
        return text
    }

    static func opensBulletItem(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        return "•●▪◦‣∙·■□➢►–*".contains(first) && (text.dropFirst().first?.isWhitespace ?? false)
    }

    /// `1. `, `12) `, `a. `, `b) ` at the start of a line.
    static func opensNumberedItem(_ text: String) -> Bool {
        let chars = Array(text.prefix(5))
        var index = 0
        while index < chars.count, index < 3, chars[index].isASCII, chars[index].isNumber { index += 1 }
        if index == 0, let first = chars.first, first.isASCII, first.isLowercase { index = 1 }
        guard index > 0, index + 1 < chars.count else { return false }
        return (chars[index] == "." || chars[index] == ")") && chars[index + 1].isWhitespace
    }

    private static func marginZone(_ box: BoundingBox, page: PDFPageLayout) -> String? {
        guard page.height > 0 else { return nil }
        if box.maxY <= page.height * 0.12 { return "top:" }
        if box.y >= page.height * 0.85 { return "bottom:" }
        return nil
    }

    /// Text with digits masked, so "Page 3" and "Page 4" are one running footer.
    private static func key(_ text: String) -> String {
        String(text.lowercased().map { $0.isNumber ? "#" : $0 })
    }

    /// Margin texts (top 12 %, bottom 15 % of the page) that repeat on at least half the pages (and on at least three).
    private static func repeatedMarginTexts(_ pages: [PDFPageLayout]) -> Set<String> {
        guard pages.count >= 3 else { return [] }
        var counts: [String: Int] = [:]
        for page in pages {
            var seen = Set<String>()
            for block in page.blocks {
                guard let zone = marginZone(block.box, page: page) else { continue }
                let text = join(block.lines.map(\.text))
                guard text.count <= 120 else { continue }
                seen.insert(zone + key(text))
            }
            for key in seen { counts[key, default: 0] += 1 }
        }
        let needed = max(3, (pages.count + 1) / 2)
        return Set(counts.filter { $0.value >= needed }.keys)
    }
}
