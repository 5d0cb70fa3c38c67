import Foundation
import LoreCore

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`), held by this process until released.
/// Serialises decisions between Lore processes sharing one data directory (start/stop of the
/// embedded database).
public final class FileLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Blocks (off the cooperative pool) until the lock is ours.
    public static func acquire(_ path: String) async throws -> FileLock {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LoreError(.internalError, "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw LoreError(.internalError, "cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return FileLock(descriptor: fd)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension FileLock {
    /// Runs `body` while holding the lock on `path`.
    public static func withLock<T: Sendable>(_ path: String, _ body: () async throws -> T) async throws -> T {
        let lock = try await acquire(path)
        defer { lock.release() }
        return try await body()
    }
}
