import ArgumentParser
import Foundation
import LoreApp
import LoreCore

/// `lore ingest PATH…`: files and folders into an organisation, optionally waiting until searchable.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add files and folders (recursively) to an organisation; --wait processes them until searchable.",
        discussion: """
            Each file is validated by its content (not its name) and stored like an upload. A .vtt or .srt \
            file next to a recording with the same name is used as its transcript. With --wait the \
            command processes the items itself (and with any running `lore worker`), shows progress, \
            and exits non-zero if any item failed, with the reasons.

            \(RemoteTarget.help) Files are uploaded (with their .vtt/.srt transcripts); with --wait the \
            command follows the server's workers (`lore dev`, or `lore serve` with `lore worker`) and \
            --concurrency has no effect.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var organisation: OrgSelection
    @Flag(help: "Process the items and wait until each is searchable or failed.") var wait = false
    @Option(help: "Jobs processed at once while waiting (local database only).") var concurrency = 2
    @Option(help: "Comma-separated tags for every item.") var tags: String?
    @Flag(help: "Print JSON.") var json = false
    @Argument(help: "Files or folders.") var paths: [String]

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let items = try FileIngest.collect(paths)
            guard !items.isEmpty else { throw LoreError(.invalidArgument, "no files found in \(paths.joined(separator: ", "))") }
            let (wait, json, concurrency) = (self.wait, self.json, self.concurrency)
            let tagList = tags?.split(separator: ",").map(String.init) ?? []
            let reports = try await global.withBackend(organisation) { backend in
                var reports: [IngestReport] = []
                var stored: [(index: Int, id: MediaID)] = []
                if !json { Self.err("Ingesting \(items.count) file(s) into \(backend.organisationSlug)…") }
                for (index, item) in items.enumerated() {
                    let outcome = try await backend.ingest(item, tags: tagList)
                    let report = IngestReport(path: item.path, outcome: outcome)
                    if case .stored(let media) = outcome, let id = MediaID(media.id) { stored.append((reports.count, id)) }
                    reports.append(report)
                    if !json { Self.err(IngestReport.line(index: index, of: items.count, report, outcome: outcome)) }
                }
                guard wait, !stored.isEmpty else { return reports }
                let names = stored.map { reports[$0.index].name }
                let progress = Progress(names: names, quiet: json)
                let finals = try await backend.waitUntilProcessed(stored.map(\.id), concurrency: concurrency) { await progress.show($0) }
                for (entry, detail) in zip(stored, finals) {
                    reports[entry.index] = IngestReport(path: reports[entry.index].path, processed: detail)
                }
                return reports
            }
            if json { print(try jsonText(reports)) } else { IngestReport.summary(reports, waited: wait).forEach(Self.err) }
            if reports.contains(where: \.failed) { throw ExitCode(65) }
        }
    }

    static func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Prints a line per item whenever what it shows changes: a bar of the items finished so
    /// far, the count, the time since waiting began, and the item's state.
    actor Progress {
        let names: [String]
        let quiet: Bool
        let started = ContinuousClock.now
        var lines: [String: String] = [:]

        init(names: [String], quiet: Bool) {
            self.names = names
            self.quiet = quiet
        }

        func show(_ details: [MediaDetailView]) {
            guard !quiet else { return }
            let done = details.filter(\.isFinished).count
            for (name, detail) in zip(names, details) {
                let line = IngestReport.describe(detail)
                guard lines[detail.media.id] != line else { continue }
                lines[detail.media.id] = line
                IngestCommand.err(String(format: "  %@ %d/%d %6.1fs  %@: %@", Self.bar(done, of: details.count), done, details.count,
                                         (ContinuousClock.now - started).seconds, name, line))
            }
        }

        /// `[#######.............]`: `done` of `total` in 20 cells.
        static func bar(_ done: Int, of total: Int) -> String {
            let filled = total == 0 ? 20 : done * 20 / total
            return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
        }
    }
}
