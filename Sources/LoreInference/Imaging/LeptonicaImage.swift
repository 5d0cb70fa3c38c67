import CTesseract
import LoreCore

/// An owned Leptonica `PIX`: freed when the last reference goes away.
///
/// Instances are never mutated after creation (every operation returns a new image), which is
/// why sharing one between threads is safe even though Leptonica itself knows nothing of Swift.
public final class LeptonicaImage: @unchecked Sendable {
    let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of `pix`; throws when a Leptonica operation returned NULL.
    init(taking pix: UnsafeMutablePointer<PIX>?, _ operation: @autoclosure () -> String) throws {
        guard let pix else { throw LoreError(.imageProcessingFailed, "Leptonica could not \(operation())") }
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    public var width: Int { Int(pixGetWidth(pix)) }
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel: 1, 2, 4, 8, 16 or 32.
    public var depth: Int { Int(pixGetDepth(pix)) }
    /// Horizontal resolution recorded in the file (0 when unknown).
    public var resolution: Int { Int(pixGetXRes(pix)) }

    /// 8-bit grey (ITU-R BT.601 luma, as ffmpeg and most tools compute it), with transparency
    /// composed over white and colour maps removed.
    public func grayscale() throws -> LeptonicaImage {
        if depth == 8 && pixGetColormap(pix) == nil { return self }
        let color = try fullColor()
        let gray = color.depth == 8 ? color
            : try LeptonicaImage(taking: pixConvertRGBToGray(color.pix, 0.299, 0.587, 0.114), "convert to grey")
        pixSetResolution(gray.pix, pixGetXRes(pix), pixGetYRes(pix))
        return gray
    }

    /// The darkest channel of each pixel: high only where a pixel is white or light grey, so
    /// white captions stand out from saturated colours (yellow, cyan) of equal brightness.
    public func whiteness() throws -> LeptonicaImage {
        let color = try fullColor()
        guard color.depth == 32 else { return try grayscale() }
        return try LeptonicaImage(taking: pixConvertRGBToGrayMinMax(color.pix, Int32(L_CHOOSE_MIN)), "measure whiteness")
    }

    /// 32-bit RGB without alpha (transparency composed over white), or the image itself when it
    /// has no colour to keep (grey or binary without a colour map).
    private func fullColor() throws -> LeptonicaImage {
        var source = self
        if pixGetColormap(pix) != nil {
            source = try LeptonicaImage(taking: pixRemoveColormap(pix, Int32(REMOVE_CMAP_BASED_ON_SRC)), "remove the colour map")
        }
        if source.depth == 32 && pixGetSpp(source.pix) == 4 {
            // Screenshots often have transparent backgrounds whose hidden RGB is black.
            source = try LeptonicaImage(taking: pixAlphaBlendUniform(source.pix, 0xFFFF_FF00), "remove transparency")
        }
        if source.depth == 32 { return source }
        return source.depth == 8 ? source : try LeptonicaImage(taking: pixConvertTo8(source.pix, 0), "convert to grey")
    }

    /// Scaled by `factor` in both directions (linear interpolation up, area mapping down).
    public func scaled(by factor: Double) throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixScale(pix, Float(factor), Float(factor)), "scale the image")
    }

    /// An 8-bit Leptonica image holding `gray`'s pixels.
    public convenience init(gray: GrayImage) throws {
        guard let pix = pixCreate(Int32(gray.width), Int32(gray.height), 8) else {
            throw LoreError(.imageProcessingFailed, "Leptonica could not allocate a \(gray.width)×\(gray.height) image")
        }
        try self.init(taking: pix, "allocate an image")
        let wordsPerLine = Int(pixGetWpl(pix))
        guard let data = pixGetData(pix) else { throw LoreError(.imageProcessingFailed, "Leptonica image has no pixel data") }
        gray.pixels.withUnsafeBufferPointer { source in
            for y in 0..<gray.height {
                let line = data + y * wordsPerLine
                for word in 0..<wordsPerLine {
                    // Four pixels per 32-bit word, the first in the most significant byte.
                    var packed: UInt32 = 0
                    for byte in 0..<4 {
                        let x = word * 4 + byte
                        packed = packed << 8 | UInt32(x < gray.width ? source[y * gray.width + x] : 0)
                    }
                    line[word] = packed
                }
            }
        }
    }

    /// Scaled to exactly `width` × `height` by averaging areas (for thumbnails).
    public func areaScaled(width: Int, height: Int) throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixScaleAreaMapToSize(pix, Int32(width), Int32(height)), "scale the image")
    }

    /// Turned clockwise by `quarterTurns` × 90°.
    public func rotated(quarterTurns: Int) throws -> LeptonicaImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        if turns == 0 { return self }
        return try LeptonicaImage(taking: pixRotateOrth(pix, Int32(turns)), "rotate the image")
    }

    /// Mirrored left to right.
    public func mirroredLeftRight() throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixFlipLR(nil, pix), "mirror the image")
    }

    /// Mirrored top to bottom.
    public func mirroredTopBottom() throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixFlipTB(nil, pix), "mirror the image")
    }

    /// Turned and mirrored as an EXIF orientation says, so it shows as the camera meant.
    public func oriented(by orientation: ExifOrientation) throws -> LeptonicaImage {
        switch orientation {
        case .upright: return self
        case .mirrored: return try mirroredLeftRight()
        case .upsideDown: return try rotated(quarterTurns: 2)
        case .mirroredUpsideDown: return try mirroredTopBottom()
        case .mirroredTurnedLeft: return try mirroredLeftRight().rotated(quarterTurns: 3)
        case .turnedRight: return try rotated(quarterTurns: 1)
        case .mirroredTurnedRight: return try mirroredLeftRight().rotated(quarterTurns: 1)
        case .turnedLeft: return try rotated(quarterTurns: 3)
        }
    }

    /// Light and dark swapped.
    public func inverted() throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixInvert(nil, pix), "invert the image")
    }

    /// 1-bit image: pixels darker than `threshold` become foreground (black).
    public func binarized(threshold: Int) throws -> LeptonicaImage {
        try LeptonicaImage(taking: pixThresholdToBinary(pix, Int32(threshold)), "binarize the image")
    }

    /// The part of the image inside `rect` (clipped to the image).
    public func cropped(to rect: PixelRect) throws -> LeptonicaImage {
        var box: UnsafeMutablePointer<BOX>? = boxCreate(Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height))
        defer { boxDestroy(&box) }
        return try LeptonicaImage(taking: pixClipRectangle(pix, box, nil), "crop the image")
    }

    /// Bounding boxes of the 8-connected foreground components of a 1-bit image.
    public func connectedComponentBoxes() -> [PixelRect] {
        guard depth == 1 else { return [] }
        var boxes: UnsafeMutablePointer<BOXA>? = pixConnCompBB(pix, 8)
        defer { boxaDestroy(&boxes) }
        guard let boxes else { return [] }
        let count = Int(boxaGetCount(boxes))
        var result: [PixelRect] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            if boxaGetBoxGeometry(boxes, Int32(index), &x, &y, &w, &h) == 0 {
                result.append(PixelRect(x: Int(x), y: Int(y), width: Int(w), height: Int(h)))
            }
        }
        return result
    }

    /// The pixels of an 8-bit image as a Swift value (for analysis and hashing).
    public func grayPixels() throws -> GrayImage {
        let gray = try grayscale()
        let width = gray.width, height = gray.height
        let wordsPerLine = Int(pixGetWpl(gray.pix))
        guard let data = pixGetData(gray.pix) else {
            throw LoreError(.imageProcessingFailed, "Leptonica image has no pixel data")
        }
        var pixels = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let line = data + y * wordsPerLine
                let row = y * width
                for x in 0..<width {
                    // Leptonica packs pixels most-significant byte first inside each 32-bit word.
                    let word = line[x >> 2]
                    out[row + x] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * (x & 3)))
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}

/// An integer pixel rectangle, origin top-left.
public struct PixelRect: Sendable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

public extension ErrorCode {
    static let imageProcessingFailed = ErrorCode("image_processing_failed", .internalFailure)
}
