import ArgumentParser
import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs

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
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var organisation: OrgSelection
    @Flag(help: "Process the items and wait until each is searchable or failed.") var wait = false
    @Option(help: "Jobs processed at once while waiting.") var concurrency = 2
    @Option(help: "Comma-separated tags for every item.") var tags: String?
    @Flag(help: "Print JSON.") var json = false
    @Argument(help: "Files or folders.") var paths: [String]

    struct ItemReport: Encodable {
        let path: String
        let outcome: String
        let mediaID: String?
        let status: String?
        let error: String?
        let code: String?
        let chunks: Int?
        enum CodingKeys: String, CodingKey {
            case path, outcome, status, error, code, chunks
            case mediaID = "media_id"
        }
    }

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let items = try FileIngest.collect(paths)
            guard !items.isEmpty else { throw LoreError(.invalidArgument, "no files found in \(paths.joined(separator: ", "))") }
            let (wait, json, concurrency, organisation) = (self.wait, self.json, self.concurrency, self.organisation)
            let tagList = tags?.split(separator: ",").map(String.init) ?? []
            let reports = try await global.withRuntime { runtime in
                let (caller, org) = try await organisation.caller(runtime)
                let ingest = FileIngest(media: runtime.media)
                var reports: [ItemReport] = []
                var stored: [(index: Int, id: MediaID)] = []
                if !json { Self.err("Ingesting \(items.count) file(s) into \(org.slug)…") }
                for (index, item) in items.enumerated() {
                    let name = (item.path as NSString).lastPathComponent
                    switch await ingest.ingest(item, caller: caller, tags: tagList) {
                    case .stored(let media):
                        stored.append((reports.count, media.id))
                        reports.append(ItemReport(path: item.path, outcome: "stored", mediaID: media.id.description, status: media.status.rawValue,
                                                  error: nil, code: nil, chunks: nil))
                        if !json { Self.err("  [\(index + 1)/\(items.count)] \(name): stored as \(media.kind.rawValue) (\(media.id))") }
                    case .duplicate(let media):
                        reports.append(ItemReport(path: item.path, outcome: "duplicate", mediaID: media.id.description, status: media.status.rawValue,
                                                  error: nil, code: nil, chunks: nil))
                        if !json { Self.err("  [\(index + 1)/\(items.count)] \(name): already stored (\(media.id)), not processed again") }
                    case .rejected(let error):
                        reports.append(ItemReport(path: item.path, outcome: "rejected", mediaID: nil, status: nil,
                                                  error: error.message, code: error.code.rawValue, chunks: nil))
                        if !json { Self.err("  [\(index + 1)/\(items.count)] \(name): rejected — \(error.code.rawValue): \(error.message)") }
                    }
                }
                guard wait, !stored.isEmpty else { return reports }
                let finals = try await Self.process(runtime: runtime, caller: caller, ids: stored.map(\.id), names: stored.map {
                    (reports[$0.index].path as NSString).lastPathComponent
                }, concurrency: concurrency, quiet: json)
                for (entry, detail) in zip(stored, finals) {
                    let failed = detail.stages.filter { $0.status == "failed" }
                    reports[entry.index] = ItemReport(
                        path: reports[entry.index].path, outcome: "stored", mediaID: detail.media.id.description, status: detail.media.status.rawValue,
                        error: failed.isEmpty ? nil : failed.map { "\($0.stage): \($0.errorMessage ?? "failed")" }.joined(separator: "; "),
                        code: failed.first?.errorCode, chunks: detail.chunks.values.reduce(0, +))
                }
                return reports
            }
            if json { print(try jsonText(reports)) }
            let failed = reports.filter { $0.outcome == "rejected" || $0.status == "failed" || $0.status == "partial" }
            if !json {
                let ready = reports.filter { $0.status == "ready" }.count
                Self.err("Done: \(reports.filter { $0.outcome == "stored" }.count) stored, \(reports.filter { $0.outcome == "duplicate" }.count) duplicate(s), "
                         + "\(reports.filter { $0.outcome == "rejected" }.count) rejected" + (wait ? ", \(ready) ready" : ""))
                for report in failed {
                    Self.err("  ✗ \((report.path as NSString).lastPathComponent): \(report.code ?? report.status ?? "failed") — \(report.error ?? "")")
                }
            }
            if !failed.isEmpty { throw ExitCode(65) }
        }
    }

    /// Runs a worker pool in this process until the items are searchable or failed, printing progress.
    static func process(runtime: LoreRuntime, caller: Caller, ids: [MediaID], names: [String], concurrency: Int, quiet: Bool) async throws -> [MediaDetail] {
        var logger = runtime.logger
        logger.logLevel = .warning
        let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                              configuration: WorkerConfiguration(concurrency: concurrency), logger: logger)
        let rescuer = Rescuer(database: runtime.database, registry: runtime.jobRegistry, logger: logger)
        let started = ContinuousClock.now
        let shown = Shown()
        return try await withThrowingTaskGroup(of: [MediaDetail]?.self) { group in
            group.addTask { try await pool.run(); return nil }
            group.addTask { try await rescuer.run(); return nil }
            group.addTask {
                try await MediaWaiter(media: runtime.media).wait(caller: caller, ids: ids) { details in
                    guard !quiet else { return }
                    for (name, detail) in zip(names, details) {
                        let line = Self.describe(detail)
                        if await shown.changed(detail.media.id, line) {
                            let seconds = (ContinuousClock.now - started).seconds
                            Self.err(String(format: "  %6.1fs  %@: %@", seconds, name, line))
                        }
                    }
                }
            }
            var result: [MediaDetail] = []
            while let next = try await group.next() {
                if let details = next {
                    result = details
                    group.cancelAll()
                }
            }
            return result
        }
    }

    static func describe(_ detail: MediaDetail) -> String {
        let stages = detail.stages.map { "\($0.stage) \($0.status)" }.joined(separator: ", ")
        let chunks = detail.chunks.values.reduce(0, +)
        return "\(detail.media.status.rawValue)" + (stages.isEmpty ? "" : " (\(stages))") + (chunks > 0 ? ", \(chunks) chunks" : "")
    }

    static func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Remembers the last line shown per item, to print changes only.
    actor Shown {
        var lines: [MediaID: String] = [:]
        func changed(_ id: MediaID, _ line: String) -> Bool {
            defer { lines[id] = line }
            return lines[id] != line
        }
    }
}
