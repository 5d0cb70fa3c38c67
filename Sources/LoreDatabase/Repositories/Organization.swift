import Foundation
import LoreCore
import PostgresNIO

/// An organisation (tenant) as stored.
public struct Organization: Sendable, Equatable {
    public var id: OrgID
    public var slug: String
    public var name: String
    public var tier: OrganizationTier
    public var plan: String
    /// Overrides of the tier's default quota.
    public var quotas: Quota
    public var featureFlags: [String: Bool]
    public var createdAt: Date
}

extension Organization {
    static let columns = "id, slug, name, tier, plan, quotas::text, feature_flags::text, created_at"

    static func decode(_ rows: PostgresRowSequence) async throws -> [Organization] {
        var result: [Organization] = []
        for try await (id, slug, name, tier, plan, quotas, flags, createdAt) in rows.decode((UUID, String, String, String, String, String, String, Date).self) {
            result.append(Organization(
                id: OrgID(id), slug: slug, name: name,
                tier: OrganizationTier(rawValue: tier) ?? .free, plan: plan,
                quotas: JSONColumn.decode(Quota.self, quotas) ?? Quota(),
                featureFlags: JSONColumn.decode([String: Bool].self, flags) ?? [:],
                createdAt: createdAt))
        }
        return result
    }
}

extension TenantTransaction {
    /// Creates the organisation this transaction is scoped to, with its usage counters.
    public func insertOrganization(slug: String, name: String, tier: OrganizationTier, plan: String? = nil,
                                   quotas: Quota = Quota(), featureFlags: [String: Bool] = [:]) async throws -> Organization {
        let rows = try await query("""
            INSERT INTO organizations (id, slug, name, tier, plan, quotas, feature_flags)
            VALUES (\(org.uuid), \(slug), \(name), \(tier.rawValue), \(plan ?? tier.rawValue),
                    \(JSONColumn.encode(quotas))::jsonb, \(JSONColumn.encode(featureFlags))::jsonb)
            RETURNING \(unescaped: Organization.columns)
            """)
        guard let created = try await Organization.decode(rows).first else {
            throw LoreError(.internalError, "organisation was not created")
        }
        try await query("INSERT INTO org_usage (org_id) VALUES (\(org.uuid))")
        return created
    }

    /// The organisation this transaction is scoped to.
    public func organization() async throws -> Organization? {
        try await Organization.decode(query("SELECT \(unescaped: Organization.columns) FROM organizations WHERE id = \(org.uuid)")).first
    }
}

extension ServiceTransaction {
    /// Every organisation, by slug (operators' listing).
    public func listOrganizations(limit: Int = 1000) async throws -> [Organization] {
        try await Organization.decode(query("SELECT \(unescaped: Organization.columns) FROM organizations ORDER BY slug LIMIT \(limit)"))
    }

    public func organization(slug: String) async throws -> Organization? {
        try await Organization.decode(query("SELECT \(unescaped: Organization.columns) FROM organizations WHERE slug = \(slug)")).first
    }
}
