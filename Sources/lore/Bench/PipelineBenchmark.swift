import Foundation
import Logging
import LoreApp
import LoreCore
import LoreDatabase
import LoreInference
import LoreJobs
import LoreMedia
import LoreSystem

/// Runs the real pipeline (upload path, validation, jobs, engines, embeddings, chunk storage)
/// on a private embedded database and measures it.
struct PipelineBenchmark {
    let runtime: LoreRuntime
    let caller: Caller
    let scratch: URL
    let logger: Logger

    struct DocumentRow: Encodable {
        var file: String
        var kind: String
        var pages: Int?
        var seconds: Double
        var chunks: Int
        var tables: Int
        var recall: Double?
        var status: String
    }

    struct VideoReport: Encodable {
        var file: String
        var durationSeconds: Double
        var seconds: Double
        var status: String
        var chunks: Int
        var frames: Int
        var transcriptSegments: Int
        var wer: Double?
        var boundaryMatches: Int?
        var boundaryTotal: Int?
        var spansFound: Int?
        var spansTotal: Int?
        var meanSpanCER: Double?
    }

    /// Uploads one file the way `lore ingest` does and waits until it is searchable (or failed).
    func ingest(_ path: String) async throws -> (MediaDetail, Double) {
        let started = ContinuousClock.now
        let outcome = await FileIngest(media: runtime.media).ingest(FileIngest.Item(path: path, sidecar: nil), caller: caller)
        let media: MediaItem
        switch outcome {
        case .stored(let item), .duplicate(let item): media = item
        case .rejected(let error): throw error
        }
        let details = try await MediaWaiter(media: runtime.media).wait(caller: caller, ids: [media.id], interval: .milliseconds(50)) { _ in }
        return (details[0], (ContinuousClock.now - started).seconds)
    }

    func documents(data: URL) async throws -> [DocumentRow] {
        var rows: [DocumentRow] = []
        let folder = data.appendingPathComponent("documents")
        for kind in ["pdf", "docx", "pptx"] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(kind).path)) ?? []
            for name in files.sorted() where name.hasSuffix(".\(kind)") {
                let path = folder.appendingPathComponent(kind).appendingPathComponent(name).path
                let (detail, seconds) = try await ingest(path)
                let texts = try await runtime.database.withOrg(caller.org) { tx in try await tx.chunkContents(media: detail.media.id) }
                let tables = try await runtime.database.withOrg(caller.org) { tx in try await tx.documentTables(media: detail.media.id) }.count
                let reference = folder.appendingPathComponent("reference_text/\(name).txt")
                // The reference's "--- slide N ---" separators are not document text.
                let recall = (try? String(contentsOf: reference, encoding: .utf8)).map { text in
                    let cleaned = text.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { $0.wholeMatch(of: /\s*---\s*slide\s+\d+\s*---\s*/) == nil }.joined(separator: "\n")
                    return TextRecall.measure(output: texts.joined(separator: "\n"), reference: cleaned).recall
                }
                let pages = detail.stages.first { $0.stage == "document" }.flatMap { Self.detail("pages", in: $0.detailsJSON) }.flatMap(Int.init)
                rows.append(DocumentRow(file: name, kind: kind, pages: pages, seconds: seconds, chunks: detail.chunks.values.reduce(0, +),
                                        tables: tables, recall: recall, status: detail.media.status.rawValue))
                Self.progress("  \(name): \(detail.media.status.rawValue) in \(String(format: "%.2f", seconds)) s")
            }
        }
        return rows
    }

    /// Generated `pages`-page PDFs, one at a time: time from upload to searchable.
    func generatedPDFs(count: Int, pages: Int) async throws -> [Double] {
        var times: [Double] = []
        for seed in 0..<count {
            let path = scratch.appendingPathComponent("report-\(seed).pdf").path
            try await Self.generate(["pdf", path, String(pages), String(seed + 100)])
            let (detail, seconds) = try await ingest(path)
            guard detail.media.status == .ready else { throw LoreError(.internalError, "generated PDF \(seed) ended \(detail.media.status)") }
            times.append(seconds)
            Self.progress("  \(pages)-page PDF #\(seed + 1): \(String(format: "%.2f", seconds)) s")
        }
        return times
    }

    func video(_ path: String, reference: (srt: String?, onscreen: String?)) async throws -> VideoReport {
        let (detail, seconds) = try await ingest(path)
        let id = detail.media.id
        let (transcript, spans) = try await runtime.database.withOrg(caller.org) { tx in
            (try await tx.transcript(media: id), try await tx.slideSpans(media: id))
        }
        var report = VideoReport(file: (path as NSString).lastPathComponent, durationSeconds: detail.media.durationSeconds ?? 0,
                                 seconds: seconds, status: detail.media.status.rawValue, chunks: detail.chunks.values.reduce(0, +),
                                 frames: detail.frames, transcriptSegments: transcript?.segments.count ?? 0)
        if let srt = reference.srt, let expected = try? ProvidedTranscriptFormat.parseFile(at: srt), let transcript {
            report.wer = WordErrorRate(reference: expected.text, hypothesis: transcript.text).rate
            let boundaries = expected.segments.flatMap { [$0.start, $0.end] }
            let hypothesis = transcript.segments.flatMap { [$0.start, $0.end] }
            report.boundaryTotal = boundaries.count
            report.boundaryMatches = boundaries.filter { b in hypothesis.contains { abs($0 - b) <= 0.5 } }.count
        }
        if let onscreen = reference.onscreen, let data = FileManager.default.contents(atPath: onscreen),
           let truth = try? JSONDecoder().decode([OnScreenTruth].self, from: data) {
            var found = 0
            var cers: [Double] = []
            for expected in truth where !expected.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                // Found: a stored span shows this text over the expected time, ±1 s at either end
                // (identical consecutive slides are one span, as the pipeline merges them).
                let match = spans.filter { $0.start <= expected.start + 1 && $0.end >= expected.end - 1 }
                    .map { CharacterErrorRate.measure(hypothesis: $0.text, reference: expected.text).rate }.min()
                if let match { cers.append(match); if match <= 0.05 { found += 1 } }
            }
            report.spansFound = found
            report.spansTotal = truth.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
            report.meanSpanCER = cers.isEmpty ? nil : cers.reduce(0, +) / Double(cers.count)
        }
        return report
    }

    struct OnScreenTruth: Decodable {
        var start: Double
        var end: Double
        var text: String
        enum CodingKeys: String, CodingKey {
            case start, end
            case text = "onscreen_text"
        }
    }

    static func generate(_ arguments: [String]) async throws {
        // Scripts live beside the tools folder in the clone.
        let script = try ToolsDirectory.locate().deletingLastPathComponent().appendingPathComponent("scripts/lib/bench_media.py").path
        let output = try await ProcessRunner.run("python3", [script] + arguments, limits: ProcessLimits(wallClock: .seconds(1800)))
        guard output.succeeded else { throw LoreError(.internalError, "bench_media.py failed: \(output.standardError)") }
    }

    static func detail(_ key: String, in json: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?[key] as? String
    }

    static func progress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
