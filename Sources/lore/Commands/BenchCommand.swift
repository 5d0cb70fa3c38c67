import ArgumentParser

/// `lore bench …`: benchmarks that print a table and write JSON.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark; each prints a table and writes JSON.",
        subcommands: [
            BenchOCRCommand.self,
            BenchPHashCommand.self,
            DiarizationBenchCommand.self,
            BenchEmbedCommand.self,
            BenchASRCommand.self,
            BenchJobsCommand.self,
            BenchJobsChaosCommand.self,
            BenchDocumentsCommand.self,
            BenchPipelineCommand.self,
            BenchQualityCommand.self,
            BenchScaleCommand.self,
            BenchVideoCommand.self,
        ]
    )
}
