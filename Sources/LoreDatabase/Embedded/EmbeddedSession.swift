import Foundation
import LoreCore
import LoreSystem
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Shares one embedded PostgreSQL between the Lore processes using a data directory.
///
/// Each process registers itself (`run/users/<pid>`) while it uses the server; whoever ends
/// last turns it off — unless `lore db start` pinned it on. Decisions happen under a file lock,
/// and registrations of processes that died are ignored.
public struct EmbeddedSession: Sendable {
    public let embedded: EmbeddedPostgres
    let runDirectory: URL

    init(embedded: EmbeddedPostgres, runDirectory: URL) {
        self.embedded = embedded
        self.runDirectory = runDirectory
    }

    /// Starts the server if needed and registers this process as a user.
    public static func begin(dataDirectory: String, systemUser: String, sharedBuffersMB: Int? = nil, logger: Logger) async throws -> EmbeddedSession {
        let embedded = EmbeddedPostgres(dataDirectory: dataDirectory, systemUser: systemUser, sharedBuffersMB: sharedBuffersMB, logger: logger)
        let run = URL(fileURLWithPath: dataDirectory).appendingPathComponent("run", isDirectory: true)
        let session = EmbeddedSession(embedded: embedded, runDirectory: run)
        try FileManager.default.createDirectory(at: session.usersDirectory, withIntermediateDirectories: true)
        try await FileLock.withLock(session.lockPath) {
            try await embedded.start()
            FileManager.default.createFile(atPath: session.usersDirectory.appendingPathComponent("\(getpid())").path, contents: nil)
        }
        return session
    }

    /// Unregisters this process and stops the server if nobody else uses it and it isn't pinned.
    public func end() async throws {
        try await FileLock.withLock(lockPath) {
            try? FileManager.default.removeItem(at: usersDirectory.appendingPathComponent("\(getpid())"))
            if !isPinned, liveUsers().isEmpty { try await embedded.stop() }
        }
    }

    /// `lore db start`: keep the server running after this process ends.
    public func pin() throws {
        FileManager.default.createFile(atPath: pinPath, contents: Data("pinned by lore db start\n".utf8))
    }

    /// `lore db stop`: unpin and stop now, whoever else registered.
    public func stopNow() async throws {
        try await FileLock.withLock(lockPath) {
            try? FileManager.default.removeItem(atPath: pinPath)
            try await embedded.stop()
        }
    }

    var usersDirectory: URL { runDirectory.appendingPathComponent("users", isDirectory: true) }
    var lockPath: String { runDirectory.appendingPathComponent("embedded.lock").path }
    var pinPath: String { runDirectory.appendingPathComponent("pinned").path }
    var isPinned: Bool { FileManager.default.fileExists(atPath: pinPath) }

    /// Registered processes that are still alive (stale files are removed).
    func liveUsers() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: usersDirectory.path)) ?? []
        return names.compactMap { name -> Int32? in
            guard let pid = Int32(name) else { return nil }
            if pid == getpid() { return nil }
            if kill(pid, 0) == 0 || errno == EPERM { return pid }
            try? FileManager.default.removeItem(at: usersDirectory.appendingPathComponent(name))
            return nil
        }
    }
}

extension EmbeddedSession {
    /// A handle on the data directory's sharing state without registering (for `lore db stop`).
    public static func attach(embedded: EmbeddedPostgres, dataDirectory: String) -> EmbeddedSession {
        EmbeddedSession(embedded: embedded, runDirectory: URL(fileURLWithPath: dataDirectory).appendingPathComponent("run", isDirectory: true))
    }
}
