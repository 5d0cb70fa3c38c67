extension Duration {
    /// The duration in seconds, as a floating-point number (for reports).
    var totalSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
