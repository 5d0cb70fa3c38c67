import ArgumentParser
import Foundation

/// The `lore` command: one binary for the server, the workers and every operator command.
@main
struct Lore: AsyncParsableCommand {
    static func main() async {
        PassiveOpenMP.ensure()
        await main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "lore",
        abstract: "A self-hosted knowledge base for everything an organisation records.",
        version: LoreVersion.current,
        subcommands: [
            ServeCommand.self,
            IngestCommand.self,
            SearchCommand.self,
            MediaCommand.self,
            DevCommand.self,
            WorkerCommand.self,
            JobsCommand.self,
            OrgCommand.self,
            KeyCommand.self,
            UserCommand.self,
            DBCommand.self,
            MigrateCommand.self,
            EmbedCommand.self,
            BenchCommand.self,
            OCRCommand.self,
            HashCommand.self,
            DiarizeCommand.self,
            TranscribeCommand.self,
            ParseCommand.self,
            FramesCommand.self,
        ]
    )
}

enum LoreVersion {
    static let current = "0.1.0"
}
