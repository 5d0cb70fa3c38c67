import Foundation

/// The central disc of an image, resampled in a canonical orientation and mirror state, so a
/// rotated or mirrored copy yields (nearly) the same 32 × 32 block.
///
/// - Rotation: the disc is turned so that its brightness centroid (relative to the disc's mean)
///   points along +x. A rotation of the picture rotates the centroid with it; the disc, unlike
///   the frame, contains the same pixels at any angle (corners are ignored).
/// - Mirroring: after that turn a horizontal or vertical mirror only flips the block top to
///   bottom; the state is fixed by the sign of the strongest vertically-odd DCT coefficient.
///
/// The disc is measured in true pixel geometry (radius = half the shorter side), so a change of
/// aspect ratio defeats this family; the upright hashes cover that case.
struct CanonicalDisc {
    static let workingSize = 96
    static let blockSize = 32

    /// Returns the 32 × 32 block and how far the centroid stood out (0 = no preferred direction).
    static func block(of image: GrayImage, dct: LowFrequencyDCT) -> (block: [Double], orientationStrength: Double) {
        let side = min(image.width, image.height)
        let square = image.cropped(to: PixelRect(x: (image.width - side) / 2, y: (image.height - side) / 2, width: side, height: side))
        let n = workingSize
        let smooth = GaussianBlur.apply(square.areaResized(width: n, height: n), width: n, height: n, sigma: 1.4)

        let center = Double(n) / 2, radius = Double(n) / 2 * 0.97
        var sum = 0.0, count = 0.0
        for y in 0..<n {
            for x in 0..<n where inDisc(x, y, center, radius) {
                sum += smooth[y * n + x]
                count += 1
            }
        }
        let mean = sum / count
        var momentX = 0.0, momentY = 0.0, spread = 0.0
        for y in 0..<n {
            for x in 0..<n where inDisc(x, y, center, radius) {
                let value = smooth[y * n + x] - mean
                momentX += value * (Double(x) + 0.5 - center)
                momentY += value * (Double(y) + 0.5 - center)
                spread += abs(value)
            }
        }
        let angle = atan2(momentY, momentX)
        let strength = spread > 0 ? hypot(momentX, momentY) / (spread * radius) : 0

        // Sample the disc turned by `angle`; cells outside the disc take the disc's mean.
        let m = blockSize
        var block = [Double](repeating: 0, count: m * m)
        var inside = [Bool](repeating: false, count: m * m)
        var insideSum = 0.0, insideCount = 0.0
        let cosine = cos(angle), sine = sin(angle)
        for row in 0..<m {
            let v = (Double(row) + 0.5) / Double(m) * 2 - 1
            for column in 0..<m {
                let u = (Double(column) + 0.5) / Double(m) * 2 - 1
                guard u * u + v * v <= 1 else { continue }
                let x = center + radius * (cosine * u - sine * v)
                let y = center + radius * (sine * u + cosine * v)
                let value = bilinear(smooth, n, x - 0.5, y - 0.5)
                block[row * m + column] = value
                inside[row * m + column] = true
                insideSum += value
                insideCount += 1
            }
        }
        let fill = insideCount > 0 ? insideSum / insideCount : 0
        for index in 0..<(m * m) where !inside[index] { block[index] = fill }

        if strongestVerticallyOddCoefficient(dct.transform(block)) < 0 {
            block = flippedVertically(block, m)
        }
        return (block, strength)
    }

    private static func inDisc(_ x: Int, _ y: Int, _ center: Double, _ radius: Double) -> Bool {
        let dx = Double(x) + 0.5 - center, dy = Double(y) + 0.5 - center
        return dx * dx + dy * dy <= radius * radius
    }

    private static func bilinear(_ image: [Double], _ n: Int, _ x: Double, _ y: Double) -> Double {
        let cx = min(max(x, 0), Double(n - 1)), cy = min(max(y, 0), Double(n - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, n - 1), y1 = min(y0 + 1, n - 1)
        let fx = cx - Double(x0), fy = cy - Double(y0)
        let top = image[y0 * n + x0] * (1 - fx) + image[y0 * n + x1] * fx
        let bottom = image[y1 * n + x0] * (1 - fx) + image[y1 * n + x1] * fx
        return top * (1 - fy) + bottom * fy
    }

    /// The coefficient with the largest magnitude among odd vertical frequencies (it changes
    /// sign under a vertical flip, while its magnitude, and so the choice, does not).
    private static func strongestVerticallyOddCoefficient(_ coefficients: [Double]) -> Double {
        var best = 0.0
        for v in stride(from: 1, to: 8, by: 2) {
            for u in 0..<8 where abs(coefficients[v * 8 + u]) > abs(best) { best = coefficients[v * 8 + u] }
        }
        return best
    }

    private static func flippedVertically(_ block: [Double], _ m: Int) -> [Double] {
        var out = block
        for row in 0..<m {
            for column in 0..<m { out[row * m + column] = block[(m - 1 - row) * m + column] }
        }
        return out
    }
}

/// Separable Gaussian blur with clamped edges.
enum GaussianBlur {
    static func apply(_ image: [Double], width: Int, height: Int, sigma: Double) -> [Double] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var horizontal = [Double](repeating: 0, count: image.count)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for k in -radius...radius {
                    sum += kernel[k + radius] * image[y * width + min(max(x + k, 0), width - 1)]
                }
                horizontal[y * width + x] = sum
            }
        }
        var out = [Double](repeating: 0, count: image.count)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for k in -radius...radius {
                    sum += kernel[k + radius] * horizontal[min(max(y + k, 0), height - 1) * width + x]
                }
                out[y * width + x] = sum
            }
        }
        return out
    }
}
