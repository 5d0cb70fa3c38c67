import CTesseract
import LoreCore

public extension ErrorCode {
    /// The bytes are an image format we know, but broken (truncated, bad checksums, garbage).
    static let imageDecodeFailed = ErrorCode("image_decode_failed", .invalidInput)
    /// The bytes are no image format Leptonica can read.
    static let imageFormatUnsupported = ErrorCode("image_format_unsupported", .unsupportedMedia)
}

/// How much an untrusted image may cost to decode. The declared size is checked from the
/// header before any pixel is decoded, so a small file that claims a huge canvas (a "pixel
/// bomb") is rejected without allocating it.
public struct ImageDecodingLimits: Sendable, Equatable {
    public var maxBytes: Int
    /// Largest width × height decoded (50 MP ≈ 200 MB as 32-bit RGBA).
    public var maxPixels: Int
    /// Largest width or height; Tesseract's coordinates are 16-bit.
    public var maxDimension: Int

    public init(maxBytes: Int = 256 << 20, maxPixels: Int = 50_000_000, maxDimension: Int = 32_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.maxDimension = maxDimension
    }
}

/// What an image file declares about itself before decoding.
public struct ImageHeader: Sendable, Equatable {
    public var format: String
    public var width: Int
    public var height: Int
    public var bitsPerSample: Int
    public var samplesPerPixel: Int
}

/// Decodes PNG, JPEG, TIFF, WebP, GIF, BMP, PNM and JPEG 2000 from memory with Leptonica.
/// Word boxes and hashes refer to the decoded picture after its EXIF orientation is applied.
public struct ImageDecoder: Sendable {
    public var limits: ImageDecodingLimits
    /// Turn JPEGs as their EXIF orientation says (as viewers and ffmpeg do), so a sideways phone
    /// photo is read and hashed the way people see it.
    public var appliesExifOrientation: Bool

    public init(limits: ImageDecodingLimits = ImageDecodingLimits(), appliesExifOrientation: Bool = true) {
        self.limits = limits
        self.appliesExifOrientation = appliesExifOrientation
    }

    /// Reads the format and declared size without decoding pixels.
    public func header(of image: EncodedImage) throws -> ImageHeader {
        LeptonicaSetup.ensure()
        guard !image.bytes.isEmpty else { throw LoreError(.imageDecodeFailed, "the image is empty (0 bytes)") }
        guard image.bytes.count <= limits.maxBytes else {
            throw LoreError(.imageTooLarge, "the image file is \(image.bytes.count) bytes; the limit is \(limits.maxBytes)")
        }
        let format = Self.format(of: image.bytes)
        guard let name = Self.readableFormats[format] else {
            throw LoreError(.imageFormatUnsupported, "not an image format Leptonica reads (PNG, JPEG, TIFF, WebP, GIF, BMP, PNM, JPEG 2000)")
        }
        var declared: Int32 = 0, width: Int32 = 0, height: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, colormap: Int32 = 0
        let status = image.bytes.withUnsafeBufferPointer {
            pixReadHeaderMem($0.baseAddress, $0.count, &declared, &width, &height, &bps, &spp, &colormap)
        }
        guard status == 0, width > 0, height > 0 else {
            throw LoreError(.imageDecodeFailed, "the \(name) header is damaged")
        }
        return ImageHeader(format: name, width: Int(width), height: Int(height), bitsPerSample: Int(bps), samplesPerPixel: Int(spp))
    }

    /// Checks the header against the limits, then decodes.
    public func decode(_ image: EncodedImage) throws -> LeptonicaImage {
        let header = try header(of: image)
        try check(width: header.width, height: header.height, format: header.format)
        let pix = image.bytes.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) }
        guard let pix else { throw LoreError(.imageDecodeFailed, "the \(header.format) data is damaged or truncated") }
        let decoded = try LeptonicaImage(taking: pix, "decode the image")
        // The header is what the decoder trusts too, but a mismatch means the file lied; refuse it.
        try check(width: decoded.width, height: decoded.height, format: header.format)
        if appliesExifOrientation, header.format == "JPEG", let orientation = ExifOrientation.read(jpeg: image.bytes) {
            return try decoded.oriented(by: orientation)
        }
        return decoded
    }

    private func check(width: Int, height: Int, format: String) throws {
        if width > limits.maxDimension || height > limits.maxDimension || width * height > limits.maxPixels {
            throw LoreError(.imageTooLarge,
                "the \(format) image declares \(width)×\(height) pixels; the limits are \(limits.maxDimension) per side and \(limits.maxPixels) in all",
                details: ["width": String(width), "height": String(height)])
        }
    }

    /// Leptonica's format sniffing reads a fixed-size prefix, so give it one even for tiny inputs.
    static func format(of bytes: [UInt8]) -> Int32 {
        var prefix = [UInt8](repeating: 0, count: 64)
        for index in 0..<min(64, bytes.count) { prefix[index] = bytes[index] }
        var format: Int32 = 0
        _ = prefix.withUnsafeBufferPointer { findFileFormatBuffer($0.baseAddress, &format) }
        return format
    }

    /// Leptonica's format codes (imageio.h) that it can decode from memory.
    static let readableFormats: [Int32: String] = [
        1: "BMP", 2: "JPEG", 3: "PNG", 4: "TIFF", 5: "TIFF", 6: "TIFF", 7: "TIFF", 8: "TIFF", 9: "TIFF", 10: "TIFF",
        11: "PNM", 13: "GIF", 14: "JPEG 2000", 15: "WebP", 17: "TIFF",
    ]

    /// True when Leptonica recognises the bytes' format (whether or not they are intact).
    public static func recognizes(_ bytes: [UInt8]) -> Bool {
        readableFormats[format(of: bytes)] != nil
    }
}

/// Process-wide Leptonica settings, applied once.
enum LeptonicaSetup {
    private static let applied: Bool = {
        // Leptonica prints every decoding problem to stderr; we report them as typed errors instead.
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        return true
    }()

    static func ensure() { _ = applied }
}
