/// The basics a picture says about itself (EXIF), kept with an image item.
///
/// Location is personal data: readers drop it unless told to keep it, so `location` is nil
/// both when the picture had none and when it was dropped (`locationDropped` tells which).
public struct ImageMetadata: Sendable, Equatable, Codable {
    /// Decoded size in pixels, after the EXIF orientation is applied (what viewers show).
    public var width: Int
    public var height: Int
    /// When the picture was taken as the camera wrote it (EXIF DateTimeOriginal, else DateTime),
    /// "YYYY-MM-DDTHH:MM:SS" plus the offset when the camera recorded one. Cameras often do not
    /// know their time zone, so this stays text rather than becoming an instant.
    public var captureTime: String?
    public var cameraMake: String?
    public var cameraModel: String?
    /// EXIF orientation tag (1…8), nil when absent.
    public var orientation: Int?
    public var location: GeoLocation?
    /// True when the picture carried GPS data that was dropped.
    public var locationDropped: Bool

    public init(width: Int, height: Int, captureTime: String? = nil, cameraMake: String? = nil,
                cameraModel: String? = nil, orientation: Int? = nil, location: GeoLocation? = nil,
                locationDropped: Bool = false) {
        self.width = width
        self.height = height
        self.captureTime = captureTime
        self.cameraMake = cameraMake
        self.cameraModel = cameraModel
        self.orientation = orientation
        self.location = location
        self.locationDropped = locationDropped
    }
}

/// A point on Earth in decimal degrees (WGS 84), with altitude in metres when known.
public struct GeoLocation: Sendable, Equatable, Codable {
    public var latitude: Double
    public var longitude: Double
    public var altitude: Double?
    public init(latitude: Double, longitude: Double, altitude: Double? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
    }
}
