import Foundation
import LoreCore

public extension ErrorCode {
    static let invalidTags = ErrorCode("invalid_tags", .invalidInput)
    static let invalidTitle = ErrorCode("invalid_title", .invalidInput)
}

/// Cleans what clients say about an upload. Names are only ever displayed (files are stored
/// under generated keys), so a hostile name is made harmless rather than rejected.
public enum UploadNames {
    /// The last path component without control characters, at most 255 bytes; nil when nothing is left.
    public static func sanitizedFilename(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(String.UnicodeScalarView(lastComponent.unicodeScalars.filter {
            !($0.properties.generalCategory == .control || $0.properties.generalCategory == .format)
        })).trimmingCharacters(in: .whitespacesAndNewlines)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        while cleaned.utf8.count > 255 { cleaned.removeLast() }
        return cleaned.isEmpty ? nil : cleaned
    }

    /// A title given by the client, or the file name without its extension, or "Untitled".
    public static func title(_ raw: String?, filename: String?) throws -> String {
        if let raw {
            let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty, title.count <= 500, !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw LoreError(.invalidTitle, "a title needs 1 to 500 printable characters")
            }
            return title
        }
        if let filename {
            let stem = (filename as NSString).deletingPathExtension
            return stem.isEmpty ? filename : stem
        }
        return "Untitled"
    }

    /// At most 32 tags of 1 to 64 printable characters, lower-cased, without duplicates.
    public static func tags(_ raw: [String]) throws -> [String] {
        guard raw.count <= 32 else { throw LoreError(.invalidTags, "at most 32 tags") }
        var seen: [String] = []
        for tag in raw {
            let clean = tag.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !clean.isEmpty, clean.count <= 64, !clean.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw LoreError(.invalidTags, "a tag needs 1 to 64 printable characters")
            }
            if !seen.contains(clean) { seen.append(clean) }
        }
        return seen
    }
}
