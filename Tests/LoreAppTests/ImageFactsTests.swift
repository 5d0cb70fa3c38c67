import Testing
import LoreCore
@testable import LoreApp

/// A picture's EXIF basics become its item's metadata; its GPS position only when configured.
@Suite struct ImageFactsTests {
    @Test func locationIsKeptOnlyWhenConfigured() throws {
        #expect(try LoreConfiguration.fromEnvironment([:]).keepsImageLocation == false)
        #expect(try LoreConfiguration.fromEnvironment(["LORE_KEEP_IMAGE_LOCATION": "true"]).keepsImageLocation == true)
        #expect(throws: LoreError.self) { try LoreConfiguration.fromEnvironment(["LORE_KEEP_IMAGE_LOCATION": "maybe"]) }

        let dropped = ImageStageJob.facts(ImageMetadata(width: 4000, height: 3000, captureTime: "2024-05-17T14:03:22+02:00",
                                                        cameraMake: "Canon", cameraModel: "EOS R6", locationDropped: true))
        #expect(dropped == ["width": "4000", "height": "3000", "capture_time": "2024-05-17T14:03:22+02:00",
                            "camera_make": "Canon", "camera_model": "EOS R6", "location_dropped": "true"])
        let kept = ImageStageJob.facts(ImageMetadata(width: 10, height: 20, location: GeoLocation(latitude: 48.8584, longitude: 2.2945)))
        #expect(kept == ["width": "10", "height": "20", "latitude": "48.8584", "longitude": "2.2945"])
    }
}
