import Foundation
import ZIPFoundation

/// ZIP files for tests, written with ZIPFoundation: ordinary entries, symbolic links, and a
/// decompression bomb streamed from zeros (never held in memory).
enum ZipFixtures {
    enum Entry {
        case file(String, [UInt8])
        case stored(String, [UInt8])
        case symlink(String, target: String)
        /// `size` zero bytes, deflated while being written.
        case zeros(String, size: Int64)
    }

    static func write(_ entries: [Entry], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in entries {
            switch entry {
            case .file(let name, let bytes), .stored(let name, let bytes):
                let data = Data(bytes)
                var method = CompressionMethod.deflate
                if case .stored = entry { method = .none }
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            case .symlink(let name, let target):
                let data = Data(target.utf8)
                try archive.addEntry(with: name, type: .symlink, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            case .zeros(let name, let size):
                let chunk = Data(count: 1 << 20)
                try archive.addEntry(with: name, type: .file, uncompressedSize: size, compressionMethod: .deflate,
                                     bufferSize: 1 << 20) { _, count in
                    count == chunk.count ? chunk : Data(count: count)
                }
            }
        }
    }

    static func bytes(_ entries: [Entry]) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lore-zip-\(UUID().uuidString).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(entries, to: path)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// The 1 GB-of-zeros DOCX bomb is made once per test run (deflating 1 GB takes seconds).
actor ZipBombCache {
    static let shared = ZipBombCache()
    private var path: String?

    func docxBomb() throws -> String {
        if let path, FileManager.default.fileExists(atPath: path) { return path }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lore-zipbomb-\(getpid()).docx").path
        try ZipFixtures.write(OfficeFixtures.docxEntries(documentXML: OfficeFixtures.simpleDocumentXML("bomb"))
                              + [.zeros("word/media/zeros.bin", size: 1 << 30)], to: file)
        path = file
        return file
    }
}
