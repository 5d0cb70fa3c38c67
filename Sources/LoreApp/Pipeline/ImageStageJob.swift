import Foundation
import LoreCore
import LoreDatabase
import LoreInference
import LoreJobs
import LoreMedia

/// `media.image`: an image → OCR text (chunks), perceptual hashes with near-duplicate links
/// inside the organisation, EXIF basics (size, capture time, camera; GPS only when configured),
/// a description when a vision describer is configured, and a thumbnail.
public struct ImageStageJob: JobHandler {
    public static let kind: JobKind = "media.image"
    public static var policy: JobPolicy { JobPolicy(maxAttempts: 3, timeout: .seconds(300)) }

    let dependencies: PipelineDependencies

    public init(dependencies: PipelineDependencies) { self.dependencies = dependencies }

    public func run(_ payload: MediaJobPayload, context: JobContext) async throws {
        let dependencies = self.dependencies
        try await MediaStageRunner(dependencies: dependencies).run(.image, payload, context: context) { item, _ in
            let key = try BlobKey(item.blobKey)
            let bytes = try await Self.read(key, blobs: dependencies.blobs)
            let image = EncodedImage(bytes: bytes)
            let ocr = try await dependencies.engines.recognizing().recognize(image, options: OCROptions(hint: .screenshot))
            let hashes = try dependencies.engines.hashing().hashes(of: image)
            var drafts = ScreenTextChunker().chunks(imageText: ocr.text, words: ocr.words)
            var details = ["words": String(ocr.words.count), "low_texture": String(hashes.lowTexture)]
            let rule = NearDuplicateRule()
            // A thumbnail is a convenience: an image ffmpeg cannot scale still gets indexed.
            let thumbnail = try? await ImageThumbnailer().thumbnail(of: image)
            if let thumbnail { try await dependencies.blobs.put(thumbnail, as: try key.derived("thumbs/0.jpg")) }
            // A description (when configured) is an extra: a provider failure leaves the text and
            // hashes. The thumbnail goes out, not the original: a JPEG any provider takes, small.
            let describer = dependencies.engines.describer
            if describer.isEnabled {
                do {
                    let text = try await describer.describe(image: thumbnail.map { EncodedImage(bytes: $0) } ?? image, prompt: VisionPrompt.frame)
                    if !text.isEmpty { drafts.append(ChunkDraft(content: text, kind: .description)) }
                    details["description"] = "yes"
                } catch let error as LoreError {
                    details["description_error"] = error.code.rawValue
                }
            }
            // EXIF is a convenience too: a picture whose tags cannot be read keeps its text and hashes.
            let exif = (try? ImageMetadataReader(keepsLocation: dependencies.keepsImageLocation).read(image)).map(Self.facts) ?? [:]
            return StageOutput(drafts: drafts, details: details) { tx in
                let duplicates = try await tx.saveImageHashes(media: item.id, hashes, thresholds: .init(
                    dHash: rule.maxDHashDistance, pHash: rule.maxPHashDistance,
                    canonicalDHash: rule.maxCanonicalDHashDistance, canonicalPHash: rule.maxCanonicalPHashDistance))
                try await tx.updateMedia(item.id, metadata: exif.merging(["near_duplicates": String(duplicates.count)]) { $1 })
            }
        }
    }

    /// EXIF basics as flat facts for the media item's metadata.
    static func facts(_ metadata: ImageMetadata) -> [String: String] {
        var facts = ["width": String(metadata.width), "height": String(metadata.height)]
        facts["capture_time"] = metadata.captureTime
        facts["camera_make"] = metadata.cameraMake
        facts["camera_model"] = metadata.cameraModel
        if let location = metadata.location {
            facts["latitude"] = String(location.latitude)
            facts["longitude"] = String(location.longitude)
        }
        if metadata.locationDropped { facts["location_dropped"] = "true" }
        return facts
    }

    static func read(_ key: BlobKey, blobs: any BlobStore) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await blobs.read(key, range: nil) { bytes += $0 }
        return bytes
    }
}
