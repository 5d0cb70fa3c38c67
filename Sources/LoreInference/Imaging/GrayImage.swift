/// An 8-bit grey image held in Swift memory, row by row, origin top-left.
public struct GrayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixel count must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Mean grey level over the whole image.
    public var mean: Double {
        guard !pixels.isEmpty else { return 0 }
        return Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count)
    }

    /// The smallest rectangle holding every pixel that differs from `background` by more than
    /// `tolerance`, or nil when there is none (a blank picture).
    public func contentBounds(background: UInt8, tolerance: Int) -> PixelRect? {
        var left = width, right = -1, top = height, bottom = -1
        pixels.withUnsafeBufferPointer { values in
            for y in 0..<height {
                let row = y * width
                for x in 0..<width where abs(Int(values[row + x]) - Int(background)) > tolerance {
                    if x < left { left = x }
                    if x > right { right = x }
                    if y < top { top = y }
                    bottom = y
                }
            }
        }
        guard right >= left, bottom >= top else { return nil }
        return PixelRect(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// The part of the image inside `rect`, which must lie within the image.
    public func cropped(to rect: PixelRect) -> GrayImage {
        var out = [UInt8]()
        out.reserveCapacity(rect.width * rect.height)
        for y in rect.y..<(rect.y + rect.height) {
            let start = y * width + rect.x
            out.append(contentsOf: pixels[start..<(start + rect.width)])
        }
        return GrayImage(width: rect.width, height: rect.height, pixels: out)
    }

    /// Resampled to `newWidth` × `newHeight` by exact area averaging: every output value is the
    /// mean of the input area it covers (fractional pixels weighted), so the result does not depend
    /// on the input's resolution beyond that average. Used for hash thumbnails.
    public func areaResized(width newWidth: Int, height newHeight: Int) -> [Double] {
        precondition(width > 0 && height > 0 && newWidth > 0 && newHeight > 0)
        let columns = AreaWeights(source: width, target: newWidth)
        let rows = AreaWeights(source: height, target: newHeight)
        // Rows first (width shrinks), then columns.
        var horizontal = [Double](repeating: 0, count: newWidth * height)
        for y in 0..<height {
            let row = y * width
            for x in 0..<newWidth {
                var sum = 0.0
                for (index, weight) in columns.spans[x] { sum += Double(pixels[row + index]) * weight }
                horizontal[y * newWidth + x] = sum
            }
        }
        var out = [Double](repeating: 0, count: newWidth * newHeight)
        for y in 0..<newHeight {
            for (index, weight) in rows.spans[y] {
                let source = index * newWidth
                for x in 0..<newWidth { out[y * newWidth + x] += horizontal[source + x] * weight }
            }
        }
        return out
    }
}

/// For each output cell along one axis, the input indices it covers and their normalised weights.
struct AreaWeights {
    let spans: [[(Int, Double)]]

    init(source: Int, target: Int) {
        let step = Double(source) / Double(target)
        var spans: [[(Int, Double)]] = []
        spans.reserveCapacity(target)
        for cell in 0..<target {
            let start = Double(cell) * step
            let end = start + step
            var span: [(Int, Double)] = []
            var index = Int(start)
            while Double(index) < end && index < source {
                let covered = min(end, Double(index + 1)) - max(start, Double(index))
                if covered > 0 { span.append((index, covered / step)) }
                index += 1
            }
            spans.append(span)
        }
        self.spans = spans
    }
}
