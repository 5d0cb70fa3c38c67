import Foundation
import LoreCore
import PostgresNIO

/// An organisation-scoped API key as stored (the secret itself is never stored).
public struct APIKey: Sendable, Equatable {
    public var id: UUID
    public var orgID: OrgID
    public var name: String
    /// Public part, e.g. `lore_k3m9x2qa`, shown in listings to identify the key.
    public var prefix: String
    public var role: Role
    public var createdBy: UUID?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?
}

/// What authentication learns about a presented key before it knows the tenant.
public struct ResolvedAPIKey: Sendable {
    public var orgID: OrgID
    public var keyID: UUID
    public var secretHash: [UInt8]
    public var role: Role
    public var revoked: Bool
    public var expired: Bool
}

extension APIKey {
    static let columns = "id, org_id, name, prefix, role, created_by, created_at, last_used_at, expires_at, revoked_at"

    static func decode(_ rows: PostgresRowSequence) async throws -> [APIKey] {
        var result: [APIKey] = []
        for try await (id, org, name, prefix, role, createdBy, createdAt, lastUsed, expires, revoked)
            in rows.decode((UUID, UUID, String, String, String, UUID?, Date, Date?, Date?, Date?).self) {
            result.append(APIKey(id: id, orgID: OrgID(org), name: name, prefix: prefix, role: Role(rawValue: role) ?? .viewer,
                                 createdBy: createdBy, createdAt: createdAt, lastUsedAt: lastUsed, expiresAt: expires, revokedAt: revoked))
        }
        return result
    }
}

extension TenantTransaction {
    public func insertAPIKey(id: UUID, name: String, prefix: String, secretHash: [UInt8], role: Role,
                             createdBy: UUID?, expiresAt: Date?) async throws -> APIKey {
        let rows = try await query("""
            INSERT INTO api_keys (org_id, id, name, prefix, secret_hash, role, created_by, expires_at)
            VALUES (\(org.uuid), \(id), \(name), \(prefix), \(Bytea(secretHash)), \(role.rawValue), \(createdBy), \(expiresAt))
            RETURNING \(unescaped: APIKey.columns)
            """)
        guard let key = try await APIKey.decode(rows).first else { throw LoreError(.internalError, "API key was not created") }
        return key
    }

    public func listAPIKeys(includeRevoked: Bool = false) async throws -> [APIKey] {
        try await APIKey.decode(query("""
            SELECT \(unescaped: APIKey.columns) FROM api_keys
            WHERE \(includeRevoked) OR revoked_at IS NULL ORDER BY created_at, id
            """))
    }

    public func apiKey(id: UUID) async throws -> APIKey? {
        try await APIKey.decode(query("SELECT \(unescaped: APIKey.columns) FROM api_keys WHERE id = \(id)")).first
    }

    /// Revokes a key; false when no such key exists in this organisation.
    /// Revokes the key and, when the transaction commits, tells every Lore process (each
    /// caches keys it has checked) to forget it: see `APIKeyRevocations`.
    public func revokeAPIKey(id: UUID) async throws -> Bool {
        let revoked = try await count("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id) RETURNING id") == 1
        if revoked { try await query("SELECT pg_notify(\(APIKeyNotifications.revoked), \(id.uuidString.lowercased()))") }
        return revoked
    }

    /// Records use at most once a minute per key (no write on every request).
    public func touchAPIKey(id: UUID) async throws {
        try await query("""
            UPDATE api_keys SET last_used_at = now()
            WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            """)
    }
}

extension Database {
    /// Finds a key by its public prefix across organisations (the one cross-tenant read
    /// authentication needs; done by a narrow security-definer function).
    public func resolveAPIKey(prefix: String) async throws -> ResolvedAPIKey? {
        try await withApp { conn in
            let rows = try await conn.query("SELECT org_id, key_id, secret_hash, role, revoked, expired FROM lore.resolve_api_key(\(prefix))", logger: logger)
            for try await (org, key, hash, role, revoked, expired) in rows.decode((UUID, UUID, Bytea, String, Bool, Bool).self) {
                return ResolvedAPIKey(orgID: OrgID(org), keyID: key, secretHash: hash.bytes, role: Role(rawValue: role) ?? .viewer,
                                      revoked: revoked, expired: expired)
            }
            return nil
        }
    }
}

/// The channel on which revoked keys are announced (payload: the key's id).
public enum APIKeyNotifications {
    public static let revoked = "lore_api_key_revoked"
}
