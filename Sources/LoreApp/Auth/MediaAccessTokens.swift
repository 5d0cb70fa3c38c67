import Crypto
import Foundation
import LoreCore
import LoreDatabase

/// Short-lived, read-only tokens for one media item, for clients that cannot send an
/// `Authorization` header: a browser's `<video src>`, `<img src>` or a PDF opened in a tab.
///
/// A token is `base64url(payload).base64url(HMAC-SHA256(payload))` with the payload
/// `v1|<org>|<media>|<key id>|<expiry unix seconds>`. It grants exactly what the API routes
/// declared with `AuthRequirement.apiKeyOrMediaToken` allow (download the content, read a
/// thumbnail) for that one item, as a viewer, until it expires — and only while the API key
/// that minted it is neither revoked nor expired (checked on every use).
public struct MediaAccessTokens: Sendable {
    let secret: [UInt8]
    let database: Database
    public let lifetime: TimeInterval

    public init(secret: [UInt8], database: Database, lifetime: TimeInterval = 15 * 60) {
        self.secret = secret
        self.database = database
        self.lifetime = lifetime
    }

    /// A token for `media` on behalf of `caller`; the caller must be able to see the item.
    public func issue(caller: Caller, media: MediaID, now: Date = Date()) -> (token: String, expiresAt: Date) {
        let expiry = Int64((now.timeIntervalSince1970 + lifetime).rounded(.down))
        let key = caller.keyID?.uuidString.lowercased() ?? "-"
        let payload = "v1|\(caller.org)|\(media)|\(key)|\(expiry)"
        let token = Base64URL.encode(Data(payload.utf8)) + "." + Base64URL.encode(signature(payload))
        return (token, Date(timeIntervalSince1970: TimeInterval(expiry)))
    }

    /// The viewer a token stands for, if it is genuine, unexpired, for `media`, and its key is
    /// still valid. Every failure is the same `unauthenticated` error.
    public func verify(_ token: String, media: MediaID, now: Date = Date()) async throws -> Caller {
        let invalid = LoreError(.unauthenticated, "the access token is invalid, expired, or for another item")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count < 400, parts.count == 2,
              let payloadData = Base64URL.decode(String(parts[0])), let mac = Base64URL.decode(String(parts[1])),
              let payload = String(data: payloadData, encoding: .utf8) else { throw invalid }
        let expected = signature(payload)
        guard expected.count == mac.count, APIKeyFormat.constantTimeEquals(Array(expected), Array(mac)) else { throw invalid }
        let fields = payload.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, fields[0] == "v1", let org = OrgID(fields[1]), let tokenMedia = MediaID(fields[2]),
              let expiry = Int64(fields[4]) else { throw invalid }
        guard tokenMedia == media, TimeInterval(expiry) > now.timeIntervalSince1970 else { throw invalid }
        var keyID: UUID?
        if fields[3] != "-" {
            guard let id = UUID(uuidString: fields[3]) else { throw invalid }
            let key = try await database.withOrg(org) { tx in try await tx.apiKey(id: id) }
            guard let key, key.revokedAt == nil, key.expiresAt.map({ $0 > now }) ?? true else { throw invalid }
            keyID = id
        }
        return Caller(org: org, role: .viewer, keyID: keyID)
    }

    private func signature(_ payload: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: secret)))
    }
}
