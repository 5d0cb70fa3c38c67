import Foundation
import LoreCore
import Synchronization

/// Verifies a model file's sha256 once, then remembers the result.
///
/// Hashing 90 MB at every start would cost a fraction of a second per process, so a verified
/// file is remembered in memory and in a small stamp beside it (`.<name>.sha256-verified`)
/// holding the digest with the file's size, modification time and inode; any rewrite, copy or
/// truncation changes those and forces a new hash. The stamp is best-effort: a read-only
/// folder only means hashing again next time.
enum WeightsChecksum {
    private static let verified = Mutex<Set<String>>([])

    static func verify(_ bytes: UnsafeRawBufferPointer, of url: URL, expected: String) throws {
        let identity = try fileIdentity(url, digest: expected)
        if verified.withLock({ $0.contains(identity) }) { return }
        let stamp = stampURL(for: url)
        if let recorded = try? String(contentsOf: stamp, encoding: .utf8), recorded == identity {
            verified.withLock { _ = $0.insert(identity) }
            return
        }
        let actual = sha256(bytes)
        guard actual == expected.lowercased() else {
            throw LoreError(.modelChecksumMismatch,
                            "\(url.path): sha256 is \(actual), expected \(expected) (corrupt or wrong file; run scripts/setup to reinstall)")
        }
        verified.withLock { _ = $0.insert(identity) }
        try? identity.write(to: stamp, atomically: true, encoding: .utf8)
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        var digest = SHA256Digest()
        let chunk = 1 << 20
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            digest.update(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        return SHA256Digest.hex(digest.finalize())
    }

    private static func stampURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).sha256-verified")
    }

    private static func fileIdentity(_ url: URL, digest: String) throws -> String {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw LoreError(.modelMissing, "\(url.path): cannot stat the file")
        }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return "\(digest.lowercased()) size=\(status.st_size) mtime=\(modified) inode=\(status.st_ino) path=\(url.standardizedFileURL.path)"
    }
}
