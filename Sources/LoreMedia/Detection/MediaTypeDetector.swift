import Foundation
import LoreCore

/// Decides what a file is from its content — magic numbers, container entries, a text sniff —
/// never from its name or a client's Content-Type.
///
/// Polyglots (files valid in two formats) are what their first bytes say: the signature at
/// byte 0 wins, so a JPEG with a ZIP appended is a JPEG and a PDF that is also a ZIP is a PDF.
/// A `%PDF-` header later in the first 1,024 bytes (PDF readers accept one there) counts only
/// when nothing is recognised at byte 0. Audio and video containers are confirmed by the
/// injected `probe` (ffprobe), which also tells audio-only MP4/Matroska/Ogg from video.
public struct MediaTypeDetector: Sendable {
    public var limits: MediaLimits
    public var probe: ContainerProbe?
    /// Bytes read for signatures and the text sniff.
    public static let sniffLength = 64 << 10

    public init(limits: MediaLimits = MediaLimits(), probe: ContainerProbe? = nil) {
        self.limits = limits
        self.probe = probe
    }

    /// The type of the file at `path`, or `unsupported_media_type` (`file_empty` when empty).
    public func detect(fileAt path: String) async throws -> DetectedType {
        let prefix = try Self.readPrefix(of: path)
        var type = try classify(prefix: prefix, path: path)
        if type.kind == .audio || type.kind == .video, let probe {
            type = try Self.confirm(type, with: try await probe(path))
        }
        return type
    }

    /// The type of in-memory bytes by signature and text sniff alone (no container entries are
    /// read): for embedded images and quick checks. Nil when nothing is recognised.
    public static func signatureType(of bytes: [UInt8]) -> DetectedType? {
        guard !bytes.isEmpty, case .type(let type) = BinarySignatures.match(Array(bytes.prefix(sniffLength))) else { return nil }
        return type
    }

    func classify(prefix: [UInt8], path: String) throws -> DetectedType {
        let name = (path as NSString).lastPathComponent
        switch BinarySignatures.match(prefix) {
        case .type(let type): return type
        case .zip: return try Self.decided(ZipContainerSniffer.classify(fileAt: path, limits: limits), name: name)
        case .compoundFile: return try Self.decided(CompoundFileSniffer.classify(fileAt: path), name: name)
        case .unsupported(let contentType, let what): throw Self.unsupported(name, contentType, what)
        case nil: break
        }
        if prefix.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil {
            return .document(.pdf, "application/pdf")
        }
        switch TextSniffer.classify(prefix) {
        case .type(let type): return type
        case .unsupported(let contentType, let what): throw Self.unsupported(name, contentType, what)
        case .binary: throw Self.unsupported(name, "application/octet-stream", "binary data of no known format")
        }
    }

    private static func decided(_ signature: BinarySignature, name: String) throws -> DetectedType {
        switch signature {
        case .type(let type): return type
        case .unsupported(let contentType, let what): throw unsupported(name, contentType, what)
        case .zip, .compoundFile: throw unsupported(name, "application/octet-stream", "an unknown container")
        }
    }

    /// Applies what the container probe found: audio-only containers become audio, a stream-less
    /// file is refused.
    static func confirm(_ type: DetectedType, with summary: ContainerProbeSummary) throws -> DetectedType {
        if summary.hasVideo {
            guard type.kind == .audio else { return type }
            let video = ["audio/ogg": "video/ogg", "audio/mp4": "video/mp4"]
            return .video(video[type.contentType.split(separator: ";").first.map(String.init) ?? ""] ?? type.contentType)
        }
        guard summary.hasAudio else {
            throw LoreError(.unsupportedMediaType, "the \(type.contentType) file has no audio or video stream",
                            details: ["content_type": type.contentType])
        }
        guard type.kind == .video else { return type }
        let audio = ["video/mp4": "audio/mp4", "video/quicktime": "audio/mp4", "video/webm": "audio/webm",
                     "video/x-matroska": "audio/x-matroska", "video/ogg": "audio/ogg", "video/x-ms-asf": "audio/x-ms-wma",
                     "video/3gpp": "audio/3gpp", "video/3gpp2": "audio/3gpp2", "video/x-msvideo": "audio/x-msvideo",
                     "video/x-flv": "audio/x-flv", "video/mpeg": "audio/mpeg", "video/mp2t": "audio/mp2t"]
        return .audio(audio[type.contentType] ?? type.contentType)
    }

    static func unsupported(_ name: String, _ contentType: String, _ what: String) -> LoreError {
        LoreError(.unsupportedMediaType, "\(name) is \(what) (\(contentType)); Lore ingests documents, images, audio and video",
                  details: ["content_type": contentType])
    }

    static func readPrefix(of path: String) throws -> [UInt8] {
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            throw LoreError(.notFound, "cannot read \(name)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: sniffLength)) ?? nil
        guard let data, !data.isEmpty else { throw LoreError(.fileEmpty, "\(name) is empty (0 bytes)") }
        return [UInt8](data)
    }
}
