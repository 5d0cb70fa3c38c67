/// A half-open span of media time in seconds.
public struct TimeRange: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
    public var duration: Double { max(0, end - start) }
}

/// An axis-aligned box in pixels (images, frames) or PDF points (document pages), origin top-left.
public struct BoundingBox: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
