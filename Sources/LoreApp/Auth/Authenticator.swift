import Foundation
import LoreCore
import LoreDatabase
import Synchronization

/// Turns a presented API key into a `Caller`. Every failure — malformed, unknown, wrong secret,
/// revoked, expired — is the same `invalid_api_key` error, so responses reveal nothing about
/// which keys exist.
///
/// Successful look-ups are remembered for `cacheLifetime` (keyed by the key's hash) so a busy
/// client costs no database round-trip per request. Revoking a key forgets it at once in this
/// process and, through `APIKeyRevocations`, in every other one that runs it.
public final class Authenticator: Sendable {
    let database: Database
    let cacheLifetime: Duration
    private let cache = Mutex<[[UInt8]: (caller: Caller, until: ContinuousClock.Instant)]>([:])

    public init(database: Database, cacheLifetime: Duration = .seconds(30)) {
        self.database = database
        self.cacheLifetime = cacheLifetime
    }

    public func authenticate(apiKey: String) async throws -> Caller {
        let invalid = LoreError(.invalidAPIKey, "the API key is missing, malformed, unknown, revoked or expired")
        guard let prefix = APIKeyFormat.prefix(of: apiKey) else { throw invalid }
        let digest = APIKeyFormat.hash(apiKey)
        let now = ContinuousClock.now
        if let hit = cache.withLock({ $0[digest] }), hit.until > now { return hit.caller }

        guard let stored = try await database.resolveAPIKey(prefix: prefix),
              APIKeyFormat.constantTimeEquals(stored.secretHash, digest),
              !stored.revoked, !stored.expired else { throw invalid }
        try await database.withOrg(stored.orgID) { tx in try await tx.touchAPIKey(id: stored.keyID) }
        let caller = Caller(org: stored.orgID, role: stored.role, keyID: stored.keyID)
        cache.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[digest] = (caller, now + cacheLifetime)
        }
        return caller
    }

    /// Forgets a key at once (after revocation).
    public func forget(keyID: UUID) {
        cache.withLock { entries in entries = entries.filter { $0.value.caller.keyID != keyID } }
    }

    /// Forgets every key (revocations may have been missed).
    public func forgetAll() {
        cache.withLock { $0.removeAll() }
    }
}
