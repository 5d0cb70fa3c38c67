import _NIOFileSystem
import Crypto
import Foundation
import LoreCore
import NIOCore

/// Blobs as files under a root folder (`<data>/blobs`): `<root>/<key>`. Uploads are written to
/// `<root>/.tmp/` and renamed into place, so a key never shows a partial file.
public struct FileSystemBlobStore: BlobStore {
    public let root: URL
    let chunkLength: ByteCount = .kibibytes(256)

    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        } catch {
            throw LoreError(.blobStorage, "cannot create the blob folder \(root.path)")
        }
    }

    public var temporaryFolder: URL { root.appendingPathComponent(".tmp", isDirectory: true) }

    func path(_ key: BlobKey) -> URL { root.appendingPathComponent(key.rawValue) }

    public func beginUpload() async throws -> any BlobUpload {
        let temp = temporaryFolder.appendingPathComponent(UUID().uuidString.lowercased())
        do {
            let handle = try await FileSystem.shared.openFile(
                forWritingAt: FilePath(temp.path),
                options: .newFile(replaceExisting: false, permissions: [.ownerReadWrite]))
            return FileUpload(store: self, temporary: temp, handle: handle)
        } catch {
            throw LoreError(.blobStorage, "cannot start an upload", diagnostic: "\(error)")
        }
    }

    public func read(_ key: BlobKey, range: Range<Int64>?, _ consumer: ([UInt8]) async throws -> Void) async throws {
        guard let size = try await size(of: key) else { throw LoreError(.blobNotFound, "no such blob") }
        let span = range ?? 0..<size
        guard span.lowerBound >= 0, span.upperBound <= size else {
            throw LoreError(.rangeNotSatisfiable, "range outside the file")
        }
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path(key).path)) { handle in
            for try await chunk in handle.readChunks(in: span, chunkLength: chunkLength) {
                try await consumer(Array(chunk.readableBytesView))
            }
        }
    }

    public func size(of key: BlobKey) async throws -> Int64? {
        guard let info = try await FileSystem.shared.info(forFileAt: FilePath(path(key).path), infoAboutSymbolicLink: true),
              info.type == .regular else { return nil }
        return info.size
    }

    public func delete(_ key: BlobKey) async throws {
        let file = path(key)
        _ = try? await FileSystem.shared.removeItem(at: FilePath(file.path), strategy: .platformDefault, recursively: true)
        // Derived blobs live under "<key>.d/" (see `BlobKey.derived`).
        _ = try? await FileSystem.shared.removeItem(at: FilePath(file.path + ".d"), strategy: .platformDefault, recursively: true)
    }

    public func withLocalFile<T: Sendable>(_ key: BlobKey, _ body: (String) async throws -> T) async throws -> T {
        let file = path(key)
        guard FileManager.default.fileExists(atPath: file.path) else { throw LoreError(.blobNotFound, "no such blob") }
        return try await body(file.path)
    }

    public func put(_ bytes: [UInt8], as key: BlobKey) async throws {
        let upload = try await beginUpload()
        do {
            try await upload.append(bytes)
            _ = try await upload.finish()
            try await upload.commit(as: key)
        } catch {
            await upload.abort()
            throw error
        }
    }

    /// Temporary files older than `age` (uploads of a crashed process).
    public func removeStaleUploads(olderThan age: TimeInterval) throws -> Int {
        let cutoff = Date().addingTimeInterval(-age)
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder.path)) ?? [] {
            let url = temporaryFolder.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
            if modified < cutoff, (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}

/// One upload into a `FileSystemBlobStore`.
actor FileUpload: BlobUpload {
    let store: FileSystemBlobStore
    let temporary: URL
    private var handle: WriteFileHandle?
    private var hasher = SHA256()
    private var written: Int64 = 0
    private var digest: BlobDigest?
    private var done = false

    init(store: FileSystemBlobStore, temporary: URL, handle: WriteFileHandle) {
        self.store = store
        self.temporary = temporary
        self.handle = handle
    }

    var bytesWritten: Int64 { written }

    nonisolated var stagingPath: String { temporary.path }

    func append(_ bytes: [UInt8]) async throws {
        guard let handle, digest == nil else { throw LoreError(.blobStorage, "upload is already finished") }
        hasher.update(data: bytes)
        do {
            _ = try await handle.write(contentsOf: bytes, toAbsoluteOffset: written)
        } catch {
            throw LoreError(.blobStorage, "cannot write the upload", diagnostic: "\(error)")
        }
        written += Int64(bytes.count)
    }

    func finish() async throws -> BlobDigest {
        if let digest { return digest }
        guard let handle else { throw LoreError(.blobStorage, "upload was aborted") }
        do {
            try await handle.synchronize()
            try await handle.close()
        } catch {
            throw LoreError(.blobStorage, "cannot store the upload", diagnostic: "\(error)")
        }
        self.handle = nil
        let result = BlobDigest(size: written, sha256: Array(hasher.finalize()))
        digest = result
        return result
    }

    func commit(as key: BlobKey) async throws {
        guard digest != nil, !done else { throw LoreError(.blobStorage, "upload is not finished") }
        let target = store.path(key)
        // Replacing a derived blob (a re-run stage) is fine; rename(2) swaps atomically.
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw LoreError(.blobStorage, "cannot create the blob folder", diagnostic: "\(error)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            throw LoreError(.blobStorage, "cannot store the blob", diagnostic: String(cString: strerror(errno)))
        }
        done = true
    }

    func abort() async {
        if let handle { try? await handle.close(); self.handle = nil }
        if !done { try? FileManager.default.removeItem(at: temporary) }
        done = true
    }
}
