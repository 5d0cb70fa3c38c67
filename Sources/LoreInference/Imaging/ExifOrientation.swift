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
        ExifReader.read(jpeg: bytes)?.orientation.flatMap(ExifOrientation.init(rawValue:))
    }

    /// True for the orientations that swap width and height (a quarter turn).
    public var swapsSides: Bool { rawValue >= 5 }
}
