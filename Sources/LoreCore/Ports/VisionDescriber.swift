/// Describes a picture in words (a video frame, a photo, a slide) with a vision-capable model.
///
/// Descriptions are optional and off by default: a describer usually sends the picture to a
/// remote, OpenAI-compatible chat model, which an organisation must choose to allow.
public protocol VisionDescriber: Sendable {
    /// A short description of `image`, following `prompt` (what to look for, how long to be).
    func describe(image: EncodedImage, prompt: String) async throws -> String
}

/// The default choice: no descriptions. Nothing is sent anywhere; `describe` returns "".
/// Pipelines check `isEnabled` and skip the step instead of storing empty descriptions.
public struct DisabledVisionDescriber: VisionDescriber {
    public init() {}
    public func describe(image: EncodedImage, prompt: String) async throws -> String { "" }
}

extension VisionDescriber {
    /// False only for `DisabledVisionDescriber`.
    public var isEnabled: Bool { !(self is DisabledVisionDescriber) }
}

/// The prompt Lore uses for frames and pictures unless configured otherwise.
public enum VisionPrompt {
    public static let frame = """
        Describe what this picture shows in one or two sentences for a search index: the kind of \
        scene (slide, screen share, people, diagram, document), the main subject, and any \
        prominent text. Do not guess names.
        """
}
