extension Double {
    /// Fixed decimals, for table cells.
    func formatted(decimals: Int) -> String {
        guard isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (self * scale).rounded() / scale
        var text = "\(rounded)"
        if decimals == 0 { return String(Int(rounded)) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        text = String(parts[0]) + "." + fraction.padding(toLength: decimals, withPad: "0", startingAt: 0)
        return text
    }
}

