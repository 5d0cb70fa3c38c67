import Foundation
import Logging
import LoreCore
import LoreDatabase

/// The migrated database most tests share, with running connection pools. Tests isolate
/// themselves by creating their own organisations (`makeOrg`).
public actor TestDatabase {
    public static let shared = TestDatabase()

    private var ready: Task<Database, any Error>?

    public func database() async throws -> Database {
        if let ready { return try await ready.value }
        let task = Task {
            let endpoint = try await TestCluster.shared.makeDatabase(named: "lore")
            let database = Database(endpoint: endpoint, poolSize: 20, logger: TestCluster.logger)
            // The pools live as long as the test process.
            Task.detached { try? await database.run() }
            return database
        }
        ready = task
        return try await task.value
    }

    public func endpoint() async throws -> DatabaseEndpoint { try await database().endpoint }
}

extension Database {
    /// A fresh organisation for one test.
    public func makeOrg(tier: OrganizationTier = .free, quotas: Quota = Quota()) async throws -> Organization {
        let org = OrgID()
        let slug = "t-" + org.description.prefix(12)
        return try await withOrg(org) { tx in
            try await tx.insertOrganization(slug: String(slug), name: "Test \(slug)", tier: tier, quotas: quotas)
        }
    }
}
