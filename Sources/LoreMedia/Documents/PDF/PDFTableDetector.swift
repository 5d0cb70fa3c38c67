import LoreCore

/// Finds tables in a PDF page from the positions of its text alone (poppler does not report
/// ruling lines). What it finds: two or more consecutive text rows, each split into two or
/// more cells by wide gaps, whose cells fall into shared column bands; side-by-side tables are
/// separated at wide gutters. What it misses: tables whose rows are mostly empty or hold one
/// cell, tables drawn only by lines, and multi-line cells that poppler merges into paragraphs
/// (blocks of several lines averaging six or more words are prose, never table cells).
struct PDFTableDetector {
    struct Table {
        var rows: [[String]]
        var box: BoundingBox
        /// (block, line) pairs with text in the table.
        var lines: Set<LineID>
        /// How many of each line's segments are in the table.
        var segmentsPerLine: [LineID: Int]
    }

    /// Tables found, and the lines all of whose text went into a table (the page's text blocks
    /// leave those out; a line only partly in a table stays in the text as well).
    struct Result {
        var tables: [Table]
        var consumedLines: Set<LineID>
    }

    struct LineID: Hashable {
        var block: Int
        var line: Int
    }

    private struct Segment {
        var id: LineID
        var text: String
        var box: BoundingBox
    }

    private struct Row {
        var segments: [Segment]
        var isProse: Bool
        var box: BoundingBox
    }

    /// A gap wider than this many line heights separates two cells on a line.
    var cellGap = 0.5
    /// Rows further apart than this many line heights do not belong to one table.
    var rowGap = 2.0
    /// Columns further apart than this many line heights, and than 2.5 times the run's median
    /// column gap, belong to side-by-side tables.
    var gutter = 3.0

    func detect(on page: PDFPageLayout) -> Result {
        let heights = page.blocks.flatMap { $0.lines.map(\.box.height) }.filter { $0 > 0 }.sorted()
        guard !heights.isEmpty else { return Result(tables: [], consumedLines: []) }
        let lineHeight = heights[heights.count / 2]
        let rows = self.rows(page, lineHeight: lineHeight)
        var tables: [Table] = []
        var run: [Row] = []
        func flush() {
            if run.count >= 2 { tables += candidates(run, lineHeight: lineHeight) }
            run = []
        }
        for row in rows {
            let isCellRow = !row.isProse && row.segments.count >= 2
            if isCellRow, let last = run.last, row.box.y - last.box.maxY > rowGap * lineHeight { flush() }
            if isCellRow { run.append(row) } else { flush() }
        }
        flush()
        var covered: [LineID: Int] = [:]
        for table in tables {
            for (line, count) in table.segmentsPerLine { covered[line, default: 0] += count }
        }
        let totals = Dictionary(grouping: rows.flatMap(\.segments), by: \.id).mapValues(\.count)
        let consumed = Set(covered.filter { totals[$0.key] == $0.value }.keys)
        return Result(tables: tables, consumedLines: consumed)
    }

    /// Segments grouped into visual rows, top to bottom.
    private func rows(_ page: PDFPageLayout, lineHeight: Double) -> [Row] {
        var items: [(segment: Segment, prose: Bool)] = []
        for (blockIndex, block) in page.blocks.enumerated() {
            // Prose: several lines of many words. poppler often makes one block of each table
            // column (short lines), which is cell material.
            let words = block.lines.reduce(0) { $0 + $1.words.count }
            let prose = block.lines.count > 1 && words >= 6 * block.lines.count
            for (lineIndex, line) in block.lines.enumerated() {
                let id = LineID(block: blockIndex, line: lineIndex)
                for segment in split(line, id: id, prose: prose) { items.append((segment, prose)) }
            }
        }
        items.sort { $0.segment.box.midY < $1.segment.box.midY }
        var rows: [Row] = []
        for item in items {
            if var last = rows.last, abs(item.segment.box.midY - last.box.midY) <= 0.4 * lineHeight {
                last.segments.append(item.segment)
                last.isProse = last.isProse || item.prose
                last.box = last.box.union(item.segment.box)
                rows[rows.count - 1] = last
            } else {
                rows.append(Row(segments: [item.segment], isProse: item.prose, box: item.segment.box))
            }
        }
        return rows.map { row in
            var sorted = row
            sorted.segments.sort { $0.box.x < $1.box.x }
            return sorted
        }
    }

    /// A line cut at wide gaps; prose lines stay whole.
    private func split(_ line: PDFTextLine, id: LineID, prose: Bool) -> [Segment] {
        guard !prose else { return [Segment(id: id, text: line.text, box: line.box)] }
        var segments: [Segment] = []
        var current: [PDFWord] = []
        func close() {
            guard let box = BoundingBox.union(current.map(\.box)) else { return }
            segments.append(Segment(id: id, text: current.map(\.text).joined(separator: " "), box: box))
            current = []
        }
        for word in line.words {
            if let previous = current.last, word.box.x - previous.box.maxX > cellGap * max(line.box.height, 1) { close() }
            current.append(word)
        }
        close()
        return segments
    }

    /// The run's cells in column bands, split at wide gutters into side-by-side tables.
    private func candidates(_ run: [Row], lineHeight: Double) -> [Table] {
        var bands: [(lo: Double, hi: Double)] = []
        for segment in run.flatMap(\.segments).sorted(by: { $0.box.x < $1.box.x }) {
            if let last = bands.last, segment.box.x <= last.hi + 1 {
                bands[bands.count - 1].hi = max(last.hi, segment.box.maxX)
            } else {
                bands.append((segment.box.x, segment.box.maxX))
            }
        }
        // Side-by-side tables: a gap far wider than the usual gap between this run's columns.
        let gaps = zip(bands, bands.dropFirst()).map { $1.lo - $0.hi }.sorted()
        let typicalGap = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        let splitGap = max(gutter * lineHeight, 2.5 * typicalGap)
        var groups: [[(lo: Double, hi: Double)]] = []
        for band in bands {
            if let last = groups.last?.last, band.lo - last.hi <= splitGap {
                groups[groups.count - 1].append(band)
            } else {
                groups.append([band])
            }
        }
        return groups.compactMap { table(run, bands: $0) }
    }

    private func table(_ run: [Row], bands: [(lo: Double, hi: Double)]) -> Table? {
        guard bands.count >= 2, let lo = bands.first?.lo, let hi = bands.last?.hi else { return nil }
        var rows: [[String]] = []
        var lines = Set<LineID>()
        var perLine: [LineID: Int] = [:]
        var boxes: [BoundingBox] = []
        for row in run {
            let inside = row.segments.filter { $0.box.x >= lo - 0.5 && $0.box.maxX <= hi + 0.5 }
            guard !inside.isEmpty else { continue }
            var cells = Array(repeating: "", count: bands.count)
            for segment in inside {
                guard let column = bands.firstIndex(where: { segment.box.x <= $0.hi && segment.box.maxX >= $0.lo }) else { continue }
                cells[column] = cells[column].isEmpty ? segment.text : cells[column] + " " + segment.text
                lines.insert(segment.id)
                perLine[segment.id, default: 0] += 1
                boxes.append(segment.box)
            }
            rows.append(cells)
        }
        let fullRows = rows.filter { $0.filter { !$0.isEmpty }.count >= 2 }.count
        guard fullRows >= 2 else { return nil }
        // Two columns of long text are a two-column layout, not a table.
        if bands.count == 2 {
            let lengths = rows.flatMap { $0 }.filter { !$0.isEmpty }.map(\.count).sorted()
            guard rows.count >= 3, lengths[lengths.count / 2] <= 30 else { return nil }
        }
        guard let box = BoundingBox.union(boxes) else { return nil }
        return Table(rows: rows, box: box, lines: lines, segmentsPerLine: perLine)
    }
}
