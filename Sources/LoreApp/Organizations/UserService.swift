import Foundation
import LoreCore
import LoreDatabase

public extension ErrorCode {
    static let invalidEmail = ErrorCode("invalid_email", .invalidInput)
    static let userExists = ErrorCode("user_exists", .conflict)
}

/// People of an organisation who will sign in to the web UI with email and password. Admins
/// and owners add them; nobody can give a user more rights than their own. Passwords (8 to 1,024
/// bytes) are kept only as Argon2id hashes (`PasswordHasher`).
public struct UserService: Sendable {
    let database: Database
    let hasher: PasswordHasher

    public init(database: Database, hasher: PasswordHasher = PasswordHasher()) {
        self.database = database
        self.hasher = hasher
    }

    public func create(caller: Caller, email: String, password: String, displayName: String? = nil, role: Role,
                       requestID: String? = nil) async throws -> User {
        try caller.require(.admin)
        guard caller.role.satisfies(role) else {
            throw LoreError(.forbidden, "a \(caller.role.rawValue) cannot add a user with the \(role.rawValue) role")
        }
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isPlausibleEmail(address) else {
            throw LoreError(.invalidEmail, "\"\(address.prefix(80))\" is not an email address")
        }
        let name = displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.count > 200 { throw LoreError(.invalidName, "a display name has at most 200 characters") }
        let hash = try hasher.hash(password)
        do {
            return try await database.withOrg(caller.org) { tx in
                let user = try await tx.insertUser(email: address, displayName: name?.isEmpty == false ? name : nil,
                                                   passwordHash: hash, role: role)
                try await tx.audit(AuditEntry(actor: caller.actor, action: "user.create", targetType: "user",
                                              targetID: user.id.uuidString.lowercased(), requestID: requestID, details: ["role": role.rawValue]))
                return user
            }
        } catch let error as LoreError where error.code == .conflict && error.details["constraint"] == "users_org_email" {
            throw LoreError(.userExists, "the organisation already has a user with that email address")
        }
    }

    public func list(caller: Caller) async throws -> [User] {
        try caller.require(.admin)
        return try await database.withOrg(caller.org) { tx in try await tx.listUsers() }
    }

    /// The user with this email and password in the organisation, or nil — the same answer for
    /// an unknown email and a wrong password.
    public func verify(org: OrgID, email: String, password: String) async throws -> User? {
        guard let found = try await database.withOrg(org, { tx in try await tx.passwordHash(email: email) }),
              let hash = found.hash, hasher.verify(password, against: hash) else { return nil }
        return found.user
    }

    /// One `@` with something on each side, a dot in the domain, no spaces, 3–320 characters
    /// (what the table's check allows); whether it receives mail is for the sign-up flow.
    static func isPlausibleEmail(_ address: String) -> Bool {
        guard (3...320).contains(address.count), !address.contains(where: \.isWhitespace) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return true
    }
}
