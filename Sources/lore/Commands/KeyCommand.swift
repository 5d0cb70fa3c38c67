import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase

/// `lore key create|list|revoke --org SLUG`.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage an organisation's API keys (run against the local database as its owner).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct OrgOption: ParsableArguments {
        @Option(help: "Organisation slug.") var org: String
    }

    /// The organisation's owner, as operators act on the local database.
    static func operatorCaller(_ runtime: LoreRuntime, slug: String) async throws -> Caller {
        let org = try await runtime.organizations.find(slug: slug)
        return Caller(org: org.id, role: .owner)
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; prints it once.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgOption
        @Option(help: "A name to recognise the key by.") var name: String = "cli"
        @Option(help: "owner, admin, member or viewer.") var role: String = "member"
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            let id: String
            let prefix: String
            let role: String
            let apiKey: String
            enum CodingKeys: String, CodingKey {
                case id, prefix, role
                case apiKey = "api_key"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                guard let role = Role(rawValue: role) else { throw LoreError(.invalidArgument, "--role must be owner, admin, member or viewer") }
                let (slug, name) = (organisation.org, self.name)
                let created = try await global.withRuntime { runtime in
                    try await runtime.apiKeys.create(caller: try await KeyCommand.operatorCaller(runtime, slug: slug), name: name, role: role, expiresAt: nil)
                }
                let output = Output(id: created.key.id.lowercasedString, prefix: created.key.prefix, role: created.key.role.rawValue, apiKey: created.secret)
                if json { print(try jsonText(output)) } else { print("API key \(output.prefix) (\(output.role)), shown once:\n\n    \(output.apiKey)\n") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgOption
        @Flag(help: "Include revoked keys.") var all = false
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let id: String
            let name: String
            let prefix: String
            let role: String
            let createdAt: Date
            let lastUsedAt: Date?
            let revokedAt: Date?
            enum CodingKeys: String, CodingKey {
                case id, name, prefix, role
                case createdAt = "created_at"
                case lastUsedAt = "last_used_at"
                case revokedAt = "revoked_at"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let (slug, all) = (organisation.org, self.all)
                let keys = try await global.withRuntime { runtime in
                    try await runtime.apiKeys.list(caller: try await KeyCommand.operatorCaller(runtime, slug: slug), includeRevoked: all)
                }
                let rows = keys.map { Row(id: $0.id.lowercasedString, name: $0.name, prefix: $0.prefix, role: $0.role.rawValue,
                                          createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt) }
                if json { print(try jsonText(rows)); return }
                let formatter = ISO8601DateFormatter()
                print(TextTable.render([["prefix", "name", "role", "created", "last used", "revoked", "id"]] + rows.map {
                    [$0.prefix, $0.name, $0.role, formatter.string(from: $0.createdAt), $0.lastUsedAt.map(formatter.string) ?? "-",
                     $0.revokedAt.map(formatter.string) ?? "-", $0.id]
                }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by id or prefix.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgOption
        @Argument(help: "Key id (uuid) or prefix (lore_xxxxxxxx).") var key: String

        func run() async throws {
            try await reportingLoreErrors {
                let (slug, key) = (organisation.org, self.key)
                try await global.withRuntime { runtime in
                    let caller = try await KeyCommand.operatorCaller(runtime, slug: slug)
                    let id: UUID
                    if let uuid = UUID(uuidString: key) {
                        id = uuid
                    } else if let match = try await runtime.apiKeys.list(caller: caller, includeRevoked: true).first(where: { $0.prefix == key }) {
                        id = match.id
                    } else {
                        throw LoreError(.notFound, "no API key \(key) in \(slug)")
                    }
                    try await runtime.apiKeys.revoke(caller: caller, keyID: id)
                }
                print("Revoked \(key).")
            }
        }
    }
}
