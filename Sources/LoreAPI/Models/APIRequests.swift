import Foundation
import LoreCore

// Request bodies: strict (unknown fields are errors).

struct CreateOrganizationRequest: StrictRequest {
    let name: String
    let slug: String?
    let tier: OrganizationTier?
    let quotas: Quota?

    enum Keys: String, CodingKey, CaseIterable {
        case name, slug, tier, quotas
    }
    typealias CodingKeys = Keys
}

struct CreateUserRequest: StrictRequest {
    let email: String
    let password: String
    let displayName: String?
    let role: Role?

    enum Keys: String, CodingKey, CaseIterable {
        case email, password, role
        case displayName = "display_name"
    }
    typealias CodingKeys = Keys
}

struct CreateAPIKeyRequest: StrictRequest {
    let name: String
    let role: Role?
    let expiresAt: Date?

    enum Keys: String, CodingKey, CaseIterable {
        case name, role
        case expiresAt = "expires_at"
    }
    typealias CodingKeys = Keys
}
