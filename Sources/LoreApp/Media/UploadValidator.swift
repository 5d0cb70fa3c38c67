import Foundation
import LoreCore
import LoreMedia

/// Checks an upload before it is stored: the type from its content (never its name), the global
/// limits for that type (size, duration, pixels, pages, archive entries and inflated sizes), with
/// ffprobe (hardened) confirming audio and video containers.
public struct UploadValidator: Sendable {
    public var limits: MediaLimits

    public init(limits: MediaLimits = MediaLimits()) { self.limits = limits }

    public struct Result: Sendable {
        public var kind: MediaKind
        public var contentType: String
        public var durationSeconds: Double?
        public var pages: Int?
        /// What ffprobe found in audio and video (see `MediaProbeResult.summary`).
        public var metadata: [String: String]
    }

    public func validate(fileAt path: String) async throws -> Result {
        let validator = MediaValidator(limits: limits, probe: { path in
            let probe = try await MediaProbe().probe(fileAt: path)
            return ContainerProbeSummary(hasVideo: probe.primaryVideo != nil, hasAudio: probe.hasAudio,
                                         durationSeconds: probe.duration, formatName: probe.formatName, facts: probe.summary)
        })
        let validated = try await validator.validate(fileAt: path)
        return Result(kind: validated.type.kind, contentType: validated.type.contentType,
                      durationSeconds: validated.probe?.durationSeconds, pages: validated.pdf?.pageCount,
                      metadata: validated.probe?.facts ?? [:])
    }
}
