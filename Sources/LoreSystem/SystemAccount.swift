import Foundation
import LoreCore

#if canImport(Glibc)
import Glibc
#endif

public extension ErrorCode {
    static let systemAccount = ErrorCode("system_account_error", .internalFailure)
}

/// Unix accounts: who we are, and the unprivileged account that runs PostgreSQL when we are root.
public enum SystemAccount {
    public static var isRoot: Bool { geteuid() == 0 }

    /// Looks up an account by name.
    public static func lookup(_ name: String) -> RunAs? {
        guard let entry = getpwnam(name) else { return nil }
        return RunAs(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// Returns the named system account, creating it (no home, no login shell) if needed.
    /// Only root can create accounts; racing creators are fine (the loser finds the account).
    public static func ensure(_ name: String) async throws -> RunAs {
        if let existing = lookup(name) { return existing }
        guard name.range(of: #"^[a-z_][a-z0-9_-]{0,31}$"#, options: .regularExpression) != nil else {
            throw LoreError(.systemAccount, "invalid system user name \(name)")
        }
        let out = try await ProcessRunner.run("useradd", [
            "--system", "--user-group", "--no-create-home",
            "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name,
        ])
        if let created = lookup(name) { return created }
        throw LoreError(.systemAccount, "could not create system user \(name): \(out.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// True when `account` can reach `path` (search permission on every parent folder), checked
    /// by the kernel itself by running `test` as that account (so ACLs count too).
    public static func canTraverse(_ path: String, as account: RunAs) async -> Bool {
        guard let out = try? await ProcessRunner.run("test", ["-x", path], workingDirectory: "/", runAs: account) else {
            return false
        }
        return out.succeeded
    }

    /// Gives a file or folder to an account (recursively for folders).
    public static func chown(_ path: String, to account: RunAs, recursive: Bool = false) throws {
        if recursive, let enumerator = FileManager.default.enumerator(atPath: path) {
            for case let child as String in enumerator {
                let full = (path as NSString).appendingPathComponent(child)
                guard lchown(full, account.uid, account.gid) == 0 else {
                    throw LoreError(.systemAccount, "cannot change the owner of \(full): \(String(cString: strerror(errno)))")
                }
            }
        }
        guard lchown(path, account.uid, account.gid) == 0 else {
            throw LoreError(.systemAccount, "cannot change the owner of \(path): \(String(cString: strerror(errno)))")
        }
    }
}
