import Foundation
import LoreCore
import NIOCore

/// An upload body read from disk as it is sent: literal bytes and files in order, never a whole
/// file in memory. The raw form is one file; the multipart form wraps the recording and its
/// sidecar transcript in `multipart/form-data` parts.
struct UploadStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Part: Sendable {
        case bytes([UInt8])
        case file(String)
    }

    let parts: [Part]
    let contentType: String

    static let chunkSize = 1 << 20

    /// The file as the raw body (`POST /v1/media?filename=…`).
    static func raw(_ path: String) -> UploadStream {
        UploadStream(parts: [.file(path)], contentType: "application/octet-stream")
    }

    /// `multipart/form-data`: a `filename` field (the name exactly, whatever characters it holds),
    /// the part `file` and a `transcript` part whose name ends `.vtt` or `.srt`.
    static func multipart(file path: String, transcript: String, boundary: String = "lore-\(UUID().uuidString)") -> UploadStream {
        func header(_ name: String, filename: String? = nil, type: String? = nil) -> [UInt8] {
            let disposition = "form-data; name=\"\(name)\"" + (filename.map { "; filename=\"\($0)\"" } ?? "")
            return Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8)
                + Array((type.map { "Content-Type: \($0)\r\n" } ?? "").utf8) + Array("\r\n".utf8)
        }
        let name = (path as NSString).lastPathComponent
        let transcriptExtension = (transcript as NSString).pathExtension.lowercased()
        return UploadStream(parts: [
            .bytes(header("filename") + Array(name.utf8) + Array("\r\n".utf8)),
            .bytes(header("file", filename: "upload", type: "application/octet-stream")), .file(path),
            .bytes(Array("\r\n".utf8) + header("transcript", filename: "transcript.\(transcriptExtension)", type: "text/plain")), .file(transcript),
            .bytes(Array("\r\n--\(boundary)--\r\n".utf8)),
        ], contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// The body's length in bytes (files by their current size).
    func length() throws -> Int64 {
        try parts.reduce(0) { total, part in
            switch part {
            case .bytes(let bytes): return total + Int64(bytes.count)
            case .file(let path):
                guard let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value else {
                    throw LoreError(.notFound, "cannot read the size of \(path)")
                }
                return total + size
            }
        }
    }

    func makeAsyncIterator() -> Iterator { Iterator(parts: parts) }

    struct Iterator: AsyncIteratorProtocol {
        var parts: [Part]
        var index = 0
        var handle: FileHandle?

        mutating func next() async throws -> ByteBuffer? {
            while index < parts.count {
                switch parts[index] {
                case .bytes(let bytes):
                    index += 1
                    if !bytes.isEmpty { return ByteBuffer(bytes: bytes) }
                case .file(let path):
                    if handle == nil {
                        guard let opened = FileHandle(forReadingAtPath: path) else { throw LoreError(.notFound, "cannot read \(path)") }
                        handle = opened
                    }
                    if let chunk = try handle?.read(upToCount: UploadStream.chunkSize), !chunk.isEmpty {
                        return ByteBuffer(bytes: chunk)
                    }
                    try? handle?.close()
                    handle = nil
                    index += 1
                }
            }
            return nil
        }
    }
}
