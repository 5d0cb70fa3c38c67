import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase

/// `lore org create|list`.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Create and list organisations (run against the local database).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organisation; prints its owner API key once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Display name, e.g. \"Acme Research\".") var name: String
        @Option(help: "URL-safe identifier (default: derived from the name).") var slug: String?
        @Option(help: "free, starter, professional or enterprise.") var tier: String = "free"
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            let id: String
            let slug: String
            let name: String
            let tier: String
            let apiKey: String
            let apiKeyPrefix: String
            enum CodingKeys: String, CodingKey {
                case id, slug, name, tier
                case apiKey = "api_key"
                case apiKeyPrefix = "api_key_prefix"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                guard let tier = OrganizationTier(rawValue: tier) else {
                    throw LoreError(.invalidArgument, "--tier must be one of free, starter, professional, enterprise")
                }
                let (name, slug) = (self.name, self.slug)
                let created = try await global.withRuntime { runtime in
                    try await runtime.organizations.create(name: name, slug: slug, tier: tier, actor: "cli")
                }
                let output = Output(id: created.organization.id.description, slug: created.organization.slug, name: created.organization.name,
                                    tier: created.organization.tier.rawValue, apiKey: created.ownerKeySecret, apiKeyPrefix: created.ownerKey.prefix)
                if json {
                    print(try jsonText(output))
                } else {
                    print("""
                        Created organisation \(output.name) (slug \(output.slug), tier \(output.tier), id \(output.id)).
                        Owner API key (shown once, store it now):

                            \(output.apiKey)

                        """)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let id: String
            let slug: String
            let name: String
            let tier: String
            let createdAt: Date
            enum CodingKeys: String, CodingKey {
                case id, slug, name, tier
                case createdAt = "created_at"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let orgs = try await global.withRuntime { runtime in try await runtime.organizations.list() }
                let rows = orgs.map { Row(id: $0.id.description, slug: $0.slug, name: $0.name, tier: $0.tier.rawValue, createdAt: $0.createdAt) }
                if json {
                    print(try jsonText(rows))
                } else if rows.isEmpty {
                    print("No organisations yet: `lore org create NAME`.")
                } else {
                    print(TextTable.render([["slug", "name", "tier", "id"]] + rows.map { [$0.slug, $0.name, $0.tier, $0.id] }))
                }
            }
        }
    }
}
