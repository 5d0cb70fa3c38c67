/// The EXIF orientation of a JPEG (tag 0x0112): how the stored pixels must be turned or mirrored
/// to show the picture as the camera meant it. Cameras and phones store sideways photos this way;
/// browsers and ffmpeg honour it, Leptonica does not, so the decoder applies it itself.
public enum ExifOrientation: Int, Sendable {
    case upright = 1
    case mirrored = 2
    case upsideDown = 3
    case mirroredUpsideDown = 4
    case mirroredTurnedLeft = 5
    case turnedRight = 6
    case mirroredTurnedRight = 7
    case turnedLeft = 8

    /// Reads the orientation from a JPEG's APP1 Exif segment; nil when there is none or the
    /// bytes are not a JPEG. Every offset is bounds-checked: the input is untrusted.
    public static func read(jpeg bytes: [UInt8]) -> ExifOrientation? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var position = 2
        while position + 4 <= bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            // Start of scan: image data follows, no more metadata segments.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            guard length >= 2, position + 2 + length <= bytes.count else { return nil }
            let segment = (position + 4)..<(position + 2 + length)
            if marker == 0xE1, let orientation = fromExif(bytes[segment]) { return orientation }
            position += 2 + length
        }
        return nil
    }

    private static func fromExif(_ segment: ArraySlice<UInt8>) -> ExifOrientation? {
        let exif = Array(segment)
        guard exif.count > 14, exif[0..<6].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) else { return nil }
        let tiff = Array(exif[6...])
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= tiff.count else { return nil }
            return littleEndian ? Int(tiff[offset]) | Int(tiff[offset + 1]) << 8 : Int(tiff[offset]) << 8 | Int(tiff[offset + 1])
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(littleEndian ? offset : offset + 2), let high = u16(littleEndian ? offset + 2 : offset) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let directory = u32(4), let entries = u16(directory) else { return nil }
        for index in 0..<min(entries, 512) {
            let entry = directory + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            // SHORT value stored in the first two bytes of the value field.
            if tag == 0x0112, let value = u16(entry + 8) { return ExifOrientation(rawValue: value) }
        }
        return nil
    }
}
