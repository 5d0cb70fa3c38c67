import Foundation
import LoreCore
import PostgresNIO

/// A person who signs in to the web UI with email and password.
public struct User: Sendable, Equatable {
    public var id: UUID
    public var orgID: OrgID
    public var email: String
    public var displayName: String?
    public var role: Role
    public var createdAt: Date
}

extension TenantTransaction {
    public func insertUser(id: UUID = UUID(), email: String, displayName: String?, passwordHash: String?, role: Role) async throws -> User {
        let rows = try await query("""
            INSERT INTO users (org_id, id, email, display_name, password_hash, role)
            VALUES (\(org.uuid), \(id), \(email), \(displayName), \(passwordHash), \(role.rawValue))
            RETURNING id, email, display_name, role, created_at
            """)
        for try await (id, email, name, role, created) in rows.decode((UUID, String, String?, String, Date).self) {
            return User(id: id, orgID: org, email: email, displayName: name, role: Role(rawValue: role) ?? .viewer, createdAt: created)
        }
        throw LoreError(.internalError, "user was not created")
    }

    public func listUsers() async throws -> [User] {
        let rows = try await query("SELECT id, email, display_name, role, created_at FROM users ORDER BY created_at, id")
        var users: [User] = []
        for try await (id, email, name, role, created) in rows.decode((UUID, String, String?, String, Date).self) {
            users.append(User(id: id, orgID: org, email: email, displayName: name, role: Role(rawValue: role) ?? .viewer, createdAt: created))
        }
        return users
    }

    /// The stored password hash of a user in this organisation, by email (case-insensitive).
    public func passwordHash(email: String) async throws -> (user: User, hash: String?)? {
        let rows = try await query("""
            SELECT id, email, display_name, role, created_at, password_hash FROM users WHERE lower(email) = lower(\(email))
            """)
        for try await (id, email, name, role, created, hash) in rows.decode((UUID, String, String?, String, Date, String?).self) {
            return (User(id: id, orgID: org, email: email, displayName: name, role: Role(rawValue: role) ?? .viewer, createdAt: created), hash)
        }
        return nil
    }
}
