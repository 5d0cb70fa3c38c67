import Foundation
import LoreCore
import LoreDatabase

public extension ErrorCode {
    static let invalidSlug = ErrorCode("invalid_slug", .invalidInput)
    static let invalidName = ErrorCode("invalid_name", .invalidInput)
}

/// Creating and reading organisations. Creation also makes the first owner API key, whose
/// secret is returned exactly once.
public struct OrganizationService: Sendable {
    let database: Database
    let quotas: TierQuotas

    public init(database: Database, quotas: TierQuotas) {
        self.database = database
        self.quotas = quotas
    }

    public struct Created: Sendable {
        public let organization: Organization
        public let ownerKey: APIKey
        /// The owner key's secret: shown once, never stored.
        public let ownerKeySecret: String
    }

    public func create(name: String, slug requestedSlug: String?, tier: OrganizationTier, quota: Quota = Quota(),
                       actor: String, requestID: String? = nil) async throws -> Created {
        let cleanName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleanName.isEmpty, cleanName.count <= 200, !cleanName.contains(where: { $0.isNewline || $0.unicodeScalars.contains { $0.value < 32 } }) else {
            throw LoreError(.invalidName, "an organisation name needs 1 to 200 printable characters")
        }
        let slug = requestedSlug ?? Self.slug(from: cleanName)
        guard Self.isValidSlug(slug) else {
            throw LoreError(.invalidSlug, "a slug needs 2 to 63 lower-case letters, digits or hyphens, starting with a letter or digit")
        }
        let org = OrgID()
        let generated = APIKeyFormat.generate()
        do {
            return try await database.withOrg(org) { tx in
                let created = try await tx.insertOrganization(slug: slug, name: cleanName, tier: tier, quotas: quota)
                let key = try await tx.insertAPIKey(id: UUID(), name: "owner", prefix: generated.prefix, secretHash: generated.hash,
                                                    role: .owner, createdBy: nil, expiresAt: nil)
                try await tx.audit(AuditEntry(actor: actor, action: "organization.create", targetType: "organization",
                                              targetID: org.description, requestID: requestID, details: ["slug": slug, "tier": tier.rawValue]))
                return Created(organization: created, ownerKey: key, ownerKeySecret: generated.key)
            }
        } catch let error as LoreError where error.code == .conflict && error.details["constraint"] == "organizations_slug_key" {
            throw LoreError(.slugTaken, "the slug \(slug) is taken")
        }
    }

    public func get(_ org: OrgID) async throws -> Organization {
        guard let found = try await database.withOrg(org, { tx in try await tx.organization() }) else {
            throw LoreError(.notFound, "no such organisation")
        }
        return found
    }

    /// Cross-organisation listing for operators (service role).
    public func list() async throws -> [Organization] {
        try await database.withService { tx in try await tx.listOrganizations() }
    }

    /// Resolves a slug for operator commands (service role).
    public func find(slug: String) async throws -> Organization {
        guard let org = try await database.withService({ tx in try await tx.organization(slug: slug) }) else {
            throw LoreError(.notFound, "no organisation with slug \(slug)")
        }
        return org
    }

    /// The quota that applies: the tier's default with the organisation's own overrides.
    public func effectiveQuota(_ organization: Organization) -> Quota {
        quotas.quota(for: organization.tier).overridden(by: organization.quotas)
    }

    static func isValidSlug(_ slug: String) -> Bool {
        slug.range(of: #"^[a-z0-9][a-z0-9-]{1,62}$"#, options: .regularExpression) != nil
    }

    /// "ACME Research, Inc." → "acme-research-inc".
    static func slug(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count < 2 { slug = "org-" + UUID().uuidString.prefix(8).lowercased() }
        return String(slug.prefix(63))
    }
}
