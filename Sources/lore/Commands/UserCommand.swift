import ArgumentParser
import Foundation
import LoreAPI
import LoreApp
import LoreCore
import LoreDatabase

/// `lore user create|list --org SLUG`: people who will sign in to the web UI.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage an organisation's users (email and password; run against the local database as its owner).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input (one line), never from an argument.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: KeyCommand.OrgOption
        @Option(help: "Email address (unique in the organisation, any case).") var email: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "owner, admin, member or viewer.") var role: String = "member"
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reportingLoreErrors {
                guard let role = Role(rawValue: role) else { throw LoreError(.invalidArgument, "--role must be owner, admin, member or viewer") }
                guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                    throw LoreError(.invalidArgument, "give the password on standard input, for example: printf '%s\\n' \"$PASSWORD\" | lore user create …")
                }
                let (slug, email, name) = (organisation.org, self.email, self.name)
                let user = try await global.withRuntime { runtime in
                    try await runtime.users.create(caller: try await KeyCommand.operatorCaller(runtime, slug: slug), email: email,
                                                   password: password, displayName: name, role: role)
                }
                let row = UserBody(user)
                if json { print(try jsonText(row)) } else { print("user \(row.email) (\(row.role)) added: \(row.id)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (never their password hashes).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: KeyCommand.OrgOption
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reportingLoreErrors {
                let slug = organisation.org
                let users = try await global.withRuntime { runtime in
                    try await runtime.users.list(caller: try await KeyCommand.operatorCaller(runtime, slug: slug))
                }
                let rows = users.map(UserBody.init)
                if json { print(try jsonText(rows)); return }
                var table = TextTable(["email", "role", "name", "id"])
                for row in rows { table.add([row.email, row.role, row.displayName ?? "", row.id]) }
                print(table.render())
            }
        }
    }
}
