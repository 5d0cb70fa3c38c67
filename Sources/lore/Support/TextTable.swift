/// Plain-text tables for command output: columns padded to their widest cell, a rule under
/// the header. `render(_:)` left-aligns (listings); the builder right-aligns (numbers in
/// benchmark tables).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// Right-aligned columns.
    func render() -> String {
        Self.render([headers] + rows, rightAligned: true)
    }

    /// The first row is the header.
    static func render(_ rows: [[String]], rightAligned: Bool = false) -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, (index < widths.count ? widths[index] : 0) - cell.count))
                if rightAligned { return pad + cell }
                return index == row.count - 1 ? cell : cell + pad
            }.joined(separator: "  ")
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.dropFirst().map(line)
        return lines.joined(separator: "\n")
    }
}
