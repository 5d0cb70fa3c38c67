import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase

/// `--org SLUG` for commands acting inside one organisation on the local database. Without it,
/// the only organisation is used (a fresh installation has exactly one). Against a server
/// (`LORE_URL`) the API key decides the organisation and `--org` is only checked against it.
struct OrgSelection: ParsableArguments {
    @Option(help: "Organisation slug (default: the only organisation; with LORE_URL, the API key's).") var org: String?

    /// The organisation's owner, as an operator on this machine acts.
    func caller(_ runtime: LoreRuntime) async throws -> (Caller, Organization) {
        let organization: Organization
        if let org {
            organization = try await runtime.organizations.find(slug: org)
        } else {
            let all = try await runtime.organizations.list()
            guard all.count == 1, let only = all.first else {
                throw LoreError(.invalidArgument, all.isEmpty
                    ? "there is no organisation yet: `lore org create NAME`"
                    : "several organisations exist (\(all.map(\.slug).joined(separator: ", "))): choose one with --org")
            }
            organization = only
        }
        return (Caller(org: organization.id, role: .owner), organization)
    }
}
