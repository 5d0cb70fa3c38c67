import ArgumentParser

/// The `lore` command: one binary for the server, the workers and every operator command.
@main
struct Lore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lore",
        abstract: "A self-hosted knowledge base for everything an organisation records.",
        version: LoreVersion.current,
        subcommands: [
            BenchCommand.self,
            TranscribeCommand.self,
        ]
    )
}

enum LoreVersion {
    static let current = "0.1.0"
}
