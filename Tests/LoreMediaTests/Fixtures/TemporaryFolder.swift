import Foundation

/// A folder for one test's files, removed at the end; `isEmpty(scratch)` proves a parse left
/// nothing behind in the scratch folder it was given.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    /// Given to parsers as their temporary directory.
    let scratch: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lore-media-test-\(UUID().uuidString)", isDirectory: true)
        scratch = url.appendingPathComponent("scratch", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to a file named `name` and returns its path.
    func write(_ bytes: [UInt8], as name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// True when the scratch folder holds nothing.
    var scratchIsEmpty: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? ["?"]).isEmpty
    }
}
