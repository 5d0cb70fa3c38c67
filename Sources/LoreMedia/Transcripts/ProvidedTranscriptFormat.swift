import Foundation
import LoreCore

public extension ErrorCode {
    /// A provided transcript (WebVTT, SRT) that cannot be read; the message names the line.
    static let invalidTranscript = ErrorCode("invalid_transcript", .invalidInput)
}

/// Transcript files that arrive with media (meeting platforms, subtitle tracks) and are taken as
/// they are instead of running speech recognition.
public enum ProvidedTranscriptFormat: String, Sendable, CaseIterable {
    case webVTT = "webvtt"
    case srt

    /// The format a file name's extension announces (`.vtt`, `.srt`), or nil.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "vtt", "webvtt": self = .webVTT
        case "srt": self = .srt
        default: return nil
        }
    }

    /// The format of a detected content type (`text/vtt`, `application/x-subrip`), or nil.
    public init?(contentType: String?) {
        switch contentType?.lowercased() {
        case "text/vtt": self = .webVTT
        case "application/x-subrip": self = .srt
        default: return nil
        }
    }

    /// Parses `data` in this format into a transcript whose source is `.provided(format:)`.
    public func parse(_ data: Data) throws -> Transcript {
        switch self {
        case .webVTT: return try WebVTTParser().parse(data)
        case .srt: return try SRTParser().parse(data)
        }
    }

    /// Reads and parses the file at `path`, choosing the format by its extension.
    public static func parseFile(at path: String, maxBytes: Int = 32 << 20) throws -> Transcript {
        let url = URL(fileURLWithPath: path)
        guard let format = ProvidedTranscriptFormat(fileExtension: url.pathExtension) else {
            throw LoreError(.unsupportedMediaType, "\(url.lastPathComponent) is not a WebVTT or SRT file")
        }
        return try format.parseFile(at: path, maxBytes: maxBytes)
    }

    /// Reads and parses the file at `path` in this format.
    public func parseFile(at path: String, maxBytes: Int = 32 << 20) throws -> Transcript {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxBytes else {
            throw LoreError(.payloadTooLarge, "\(url.lastPathComponent) is larger than \(maxBytes >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoreError(.invalidTranscript, "cannot read \(url.lastPathComponent)")
        }
        return try parse(data)
    }
}
