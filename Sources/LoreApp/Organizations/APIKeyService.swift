import Foundation
import LoreCore
import LoreDatabase

/// Managing an organisation's API keys. Admins and owners manage keys; nobody can mint a key
/// with more rights than their own.
public struct APIKeyService: Sendable {
    let database: Database
    let authenticator: Authenticator

    public init(database: Database, authenticator: Authenticator) {
        self.database = database
        self.authenticator = authenticator
    }

    public struct Created: Sendable {
        public let key: APIKey
        public let secret: String
    }

    public func create(caller: Caller, name: String, role: Role, expiresAt: Date?, requestID: String? = nil) async throws -> Created {
        try caller.require(.admin)
        guard caller.role.satisfies(role) else {
            throw LoreError(.forbidden, "a \(caller.role.rawValue) cannot create a key with the \(role.rawValue) role")
        }
        let cleanName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleanName.isEmpty, cleanName.count <= 200 else {
            throw LoreError(.invalidName, "a key name needs 1 to 200 characters")
        }
        if let expiresAt, expiresAt <= Date() {
            throw LoreError(.invalidArgument, "expires_at must be in the future")
        }
        let generated = APIKeyFormat.generate()
        return try await database.withOrg(caller.org) { tx in
            let key = try await tx.insertAPIKey(id: UUID(), name: cleanName, prefix: generated.prefix, secretHash: generated.hash,
                                                role: role, createdBy: caller.keyID ?? caller.userID, expiresAt: expiresAt)
            try await tx.audit(AuditEntry(actor: caller.actor, action: "api_key.create", targetType: "api_key",
                                          targetID: key.id.lowercasedString, requestID: requestID, details: ["role": role.rawValue]))
            return Created(key: key, secret: generated.key)
        }
    }

    public func list(caller: Caller, includeRevoked: Bool = false) async throws -> [APIKey] {
        try caller.require(.admin)
        return try await database.withOrg(caller.org) { tx in try await tx.listAPIKeys(includeRevoked: includeRevoked) }
    }

    public func revoke(caller: Caller, keyID: UUID, requestID: String? = nil) async throws {
        try caller.require(.admin)
        let revoked = try await database.withOrg(caller.org) { tx -> Bool in
            guard let key = try await tx.apiKey(id: keyID) else { return false }
            guard caller.role.satisfies(key.role) else {
                throw LoreError(.forbidden, "a \(caller.role.rawValue) cannot revoke a key with the \(key.role.rawValue) role")
            }
            _ = try await tx.revokeAPIKey(id: keyID)
            try await tx.audit(AuditEntry(actor: caller.actor, action: "api_key.revoke", targetType: "api_key",
                                          targetID: keyID.lowercasedString, requestID: requestID))
            return true
        }
        guard revoked else { throw LoreError(.notFound, "no such API key") }
        authenticator.forget(keyID: keyID)
    }
}
