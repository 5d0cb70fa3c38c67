import Foundation
import LoreCore

/// EXIF basics of a picture for its item: size as shown, capture time, camera, and location
/// only when configured to keep it (GPS is personal data and is dropped by default).
public struct ImageMetadataReader: Sendable {
    public var keepsLocation: Bool
    public var decoder: ImageDecoder

    public init(keepsLocation: Bool = false, decoder: ImageDecoder = ImageDecoder()) {
        self.keepsLocation = keepsLocation
        self.decoder = decoder
    }

    /// Reads the header (no pixels are decoded) and the EXIF tags.
    public func read(_ image: EncodedImage) throws -> ImageMetadata {
        let header = try decoder.header(of: image)
        let tags = ExifReader.read(image.bytes)
        var width = header.width, height = header.height
        // The decoder turns JPEGs upright, so their sides swap for quarter-turn orientations.
        if decoder.appliesExifOrientation, header.format == "JPEG",
           let orientation = tags?.orientation.flatMap(ExifOrientation.init(rawValue:)), orientation.swapsSides {
            swap(&width, &height)
        }
        return ImageMetadata(
            width: width, height: height,
            captureTime: tags.flatMap(Self.captureTime),
            cameraMake: tags?.make, cameraModel: tags?.model,
            orientation: tags?.orientation,
            location: keepsLocation ? tags?.location : nil,
            locationDropped: !keepsLocation && (tags?.hasGPS ?? false))
    }

    /// "2024:05:17 14:03:22" (+ "+02:00") → "2024-05-17T14:03:22+02:00"; nil for blank or
    /// malformed dates (cameras write "0000:00:00 00:00:00" when unset).
    static func captureTime(_ tags: ExifTags) -> String? {
        guard let raw = tags.dateTimeOriginal ?? tags.dateTime else { return nil }
        let digits = raw.unicodeScalars.filter { ("0"..."9").contains($0) }.map { Int($0.value) - 48 }
        guard raw.count >= 19, digits.count >= 14 else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        let year = number(0..<4), month = number(4..<6), day = number(6..<8)
        let hour = number(8..<10), minute = number(10..<12), second = number(12..<14)
        guard year > 0, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
        if tags.dateTimeOriginal != nil, let offset = tags.offsetTimeOriginal, Self.isOffset(offset) { text += offset }
        return text
    }

    private static func isOffset(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 6, scalars[0] == "+" || scalars[0] == "-", scalars[3] == ":" else { return false }
        return [1, 2, 4, 5].allSatisfy { ("0"..."9").contains(scalars[$0]) }
    }
}
