/// Levenshtein distance (insertions, deletions, substitutions, each costing 1).
public enum EditDistance {
    /// The distance between two sequences, with two rolling rows: O(a·b) time, O(b) memory.
    public static func levenshtein<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The distance divided by the longer sequence's length: 0 for equal, 1 for nothing in common
    /// (and 0 when both are empty).
    public static func normalized<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Double {
        let longer = max(a.count, b.count)
        return longer == 0 ? 0 : Double(levenshtein(a, b)) / Double(longer)
    }
}
