import LoreCore

/// A single `Range: bytes=…` request (RFC 9110 §14). Multi-range requests are served whole.
enum ByteRange {
    /// The byte range to serve, nil for the whole file; throws `range_not_satisfiable`.
    static func parse(_ header: String?, size: Int64) throws -> Range<Int64>? {
        guard let header, header.hasPrefix("bytes=") else { return nil }
        let spec = header.dropFirst("bytes=".count)
        guard !spec.contains(",") else { return nil }
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let unsatisfiable = LoreError(.rangeNotSatisfiable, "the range is outside the file (\(size) bytes)")
        if parts[0].isEmpty {
            // Suffix: the last n bytes.
            guard let n = Int64(parts[1]), n > 0 else { throw unsatisfiable }
            guard size > 0 else { throw unsatisfiable }
            return max(0, size - n)..<size
        }
        guard let start = Int64(parts[0]), start >= 0 else { return nil }
        guard start < size else { throw unsatisfiable }
        if parts[1].isEmpty { return start..<size }
        guard let end = Int64(parts[1]), end >= start else { return nil }
        return start..<min(end + 1, size)
    }
}
