import Foundation
import LoreCore

/// A private temporary folder for one parse (pdfimages output, LibreOffice conversions),
/// removed with everything in it when the work is done, whether it succeeded or not.
struct ScratchDirectory {
    let url: URL

    /// Runs `body` with a fresh folder under `parent` and removes the folder afterwards.
    static func with<T>(in parent: URL, _ body: (URL) async throws -> T) async throws -> T {
        let url = parent.appendingPathComponent("lore-doc-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw LoreError(.internalError, "cannot create a temporary folder", diagnostic: "\(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }
}
