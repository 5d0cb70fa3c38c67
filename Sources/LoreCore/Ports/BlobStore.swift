/// Where original files and derived blobs (thumbnails, frames) live: a folder under the data
/// directory by default, an S3-compatible store at scale.
///
/// Keys are relative paths of lower-case ASCII segments (`<org>/<media>`, `<org>/<media>.d/thumbs/3.jpg`)
/// validated by `BlobKey`, so no key can climb out of its store.
public protocol BlobStore: Sendable {
    /// Starts writing a new blob. Nothing is visible under any key until `commit`.
    func beginUpload() async throws -> any BlobUpload
    /// Streams the bytes of `key` (or of `range` within it) to `consumer` in chunks.
    func read(_ key: BlobKey, range: Range<Int64>?, _ consumer: ([UInt8]) async throws -> Void) async throws
    /// Size in bytes, or nil when no such blob exists.
    func size(of key: BlobKey) async throws -> Int64?
    /// Removes a blob, and every blob under it as a prefix (derived files); absent keys are fine.
    func delete(_ key: BlobKey) async throws
    /// Runs `body` with the blob as a local file (engines and ffmpeg read files); a remote store
    /// downloads it to a temporary file for the duration of `body`.
    func withLocalFile<T: Sendable>(_ key: BlobKey, _ body: (String) async throws -> T) async throws -> T
    /// Stores small derived bytes (thumbnails, sidecar transcripts) under `key` at once.
    func put(_ bytes: [UInt8], as key: BlobKey) async throws
}

/// A blob being written: append bytes, then `finish` (which tells size and checksum), then
/// `commit` under a key or `abort`. An upload that is neither committed nor aborted is removed
/// by `abort`, which callers run on every failure path.
public protocol BlobUpload: Sendable {
    func append(_ bytes: [UInt8]) async throws
    /// Bytes appended so far.
    var bytesWritten: Int64 { get async }
    /// The local file the upload is written to, for validation before it is committed.
    var stagingPath: String { get }
    /// Flushes to stable storage and returns size and sha256; no more appends.
    func finish() async throws -> BlobDigest
    /// Makes the finished blob visible under `key`, atomically.
    func commit(as key: BlobKey) async throws
    /// Discards everything written; safe to call at any time, more than once.
    func abort() async
}

public struct BlobDigest: Sendable, Equatable {
    public var size: Int64
    public var sha256: [UInt8]
    public init(size: Int64, sha256: [UInt8]) {
        self.size = size
        self.sha256 = sha256
    }
    public var sha256Hex: String { sha256.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined() }
}

/// A validated blob key: `/`-separated segments of `[a-z0-9._-]`, none empty, `.` or `..`.
public struct BlobKey: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) throws {
        let segments = rawValue.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !rawValue.isEmpty, rawValue.utf8.count <= 512,
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy(allowed.contains) }) else {
            throw LoreError(.invalidBlobKey, "invalid blob key")
        }
        self.rawValue = rawValue
    }

    /// The original file of a media item.
    public static func media(_ org: OrgID, _ media: MediaID) -> BlobKey {
        try! BlobKey("\(org)/\(media)")
    }

    /// A blob derived from this one (thumbnail, frame): stored beside it under `<key>.d/`, and
    /// deleted with it.
    public func derived(_ path: String) throws -> BlobKey { try BlobKey(rawValue + ".d/" + path) }

    public var description: String { rawValue }
}

public extension ErrorCode {
    static let invalidBlobKey = ErrorCode("invalid_blob_key", .invalidInput)
    static let blobNotFound = ErrorCode("blob_not_found", .notFound)
    static let blobStorage = ErrorCode("blob_storage_error", .unavailable)
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
