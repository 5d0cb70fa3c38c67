import Foundation
import LoreCore
import LoreDatabase

/// Opaque page cursors: base64url of "<microseconds>:<id>". A forged cursor can only position
/// a listing within the caller's own organisation (row-level security applies to every page).
enum MediaCursorCoding {
    static func encode(_ cursor: MediaCursor) -> String {
        let micros = Int64((cursor.createdAt.timeIntervalSince1970 * 1_000_000).rounded())
        return Base64URL.encode(Data("\(micros):\(cursor.id)".utf8))
    }

    static func decode(_ text: String) throws -> MediaCursor {
        let invalid = LoreError(.invalidCursor, "the cursor is not one this server issued")
        guard text.count <= 200 else { throw invalid }
        guard let data = Base64URL.decode(text), let decoded = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = decoded.split(separator: ":")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = MediaID(String(parts[1])) else { throw invalid }
        return MediaCursor(createdAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: id)
    }
}
