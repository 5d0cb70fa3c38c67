import Foundation
import LoreCore

/// Who is making a request, established by authentication: an API key (or a signed-in user)
/// of one organisation with one role.
public struct Caller: Sendable, Equatable {
    public var org: OrgID
    public var role: Role
    public var keyID: UUID?
    public var userID: UUID?

    public init(org: OrgID, role: Role, keyID: UUID? = nil, userID: UUID? = nil) {
        self.org = org
        self.role = role
        self.keyID = keyID
        self.userID = userID
    }

    /// How this caller appears in the audit log.
    public var actor: String {
        if let keyID { return "api_key:\(keyID.lowercasedString)" }
        if let userID { return "user:\(userID.lowercasedString)" }
        return "system"
    }

    /// Throws `forbidden` unless the caller's role includes `required`.
    public func require(_ required: Role) throws {
        guard role.satisfies(required) else {
            throw LoreError(.forbidden, "this needs the \(required.rawValue) role; the caller is \(role.rawValue)")
        }
    }
}
