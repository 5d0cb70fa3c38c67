import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase
import LoreJobs

/// `lore bench pipeline`: the media pipeline end to end on real and generated media.
struct BenchPipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Measure the media pipeline end to end: documents, 10-page PDFs, the composed video, a 10-minute meeting.",
        discussion: """
            Runs in a fresh embedded database under a temporary folder with one worker pool \
            (--concurrency jobs at once) in this process, so every figure includes validation, \
            queueing, the engines, embeddings and storage. Goals (2 cores): 10-page PDF indexed \
            p50 ≤ 2 s; ≥ 300 PDF pages/min; the 47.7 s composed video ≤ 15 s; a 10-minute video ≤ 120 s.
            """)

    @Option(help: "The development data folder (../shared/data).") var data: String
    @Option(help: "Write the results as JSON to this file.") var json: String?
    @Option(help: "How many generated 10-page PDFs to time.") var pdfRuns = 5
    @Option(help: "Length of the generated meeting video in seconds (0 skips it).") var meetingSeconds = 600.0
    @Option(help: "Jobs processed at once (one worker process).") var concurrency = 2
    @Option(name: .customLong("log-level")) var logLevel = "warning"

    struct Report: Encodable {
        var documents: [PipelineBenchmark.DocumentRow]
        var documentPagesPerMinute: Double
        var documentP50Seconds: Double
        var documentP95Seconds: Double
        var pdfRecallTextLayer: Double?
        var tenPagePDFSeconds: [Double]
        var tenPagePDFP50Seconds: Double?
        var tenPagePDFPagesPerMinute: Double?
        var videos: [PipelineBenchmark.VideoReport]
    }

    func run() async throws {
        try await reportingLoreErrors {
            let dataURL = URL(fileURLWithPath: data)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-pipeline-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            var config = try LoreConfiguration.fromEnvironment()
            config.dataDirectory = scratch.appendingPathComponent("data").path
            config.databaseURL = nil
            config.logLevel = logLevel
            let logger = LoggingSetup.bootstrap(config)
            let (pdfRuns, meetingSeconds, concurrency) = (self.pdfRuns, self.meetingSeconds, self.concurrency)
            let report = try await LoreRuntime.run(config, logger: logger) { runtime in
                let created = try await runtime.organizations.create(name: "Bench", slug: "bench", tier: .professional, actor: "bench")
                let caller = Caller(org: created.organization.id, role: .owner)
                let bench = PipelineBenchmark(runtime: runtime, caller: caller, scratch: scratch, logger: logger)
                let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                                      configuration: WorkerConfiguration(concurrency: concurrency), logger: logger)
                return try await withThrowingTaskGroup(of: Report?.self) { group in
                    group.addTask { try await pool.run(); return nil }
                    group.addTask {
                        // Warm the models once so the first file does not pay for loading them.
                        _ = try await runtime.embeddings.embedder(for: .lightweight).embed(["warm up"])
                        PipelineBenchmark.progress("Documents of \(dataURL.path)/documents:")
                        let documents = try await bench.documents(data: dataURL)
                        PipelineBenchmark.progress("Generated 10-page PDFs:")
                        let tenPage = try await bench.generatedPDFs(count: pdfRuns, pages: 10)
                        var videos: [PipelineBenchmark.VideoReport] = []
                        let composed = dataURL.appendingPathComponent("video/composed_exact_reference")
                        PipelineBenchmark.progress("Composed video:")
                        videos.append(try await bench.video(
                            composed.appendingPathComponent("composed_speech_onscreen_text.mp4").path,
                            reference: (composed.appendingPathComponent("composed_speech_onscreen_text.srt").path,
                                        composed.appendingPathComponent("onscreen_text_groundtruth.json").path)))
                        if meetingSeconds > 0 {
                            PipelineBenchmark.progress("Generating a \(Int(meetingSeconds)) s meeting video…")
                            let meeting = scratch.appendingPathComponent("meeting-\(Int(meetingSeconds))s.mp4").path
                            try await PipelineBenchmark.generate(["meeting", meeting, String(meetingSeconds)])
                            videos.append(try await bench.video(meeting, reference: (nil, nil)))
                        }
                        let pdfRows = documents.filter { $0.kind == "pdf" && $0.pages != nil }
                        let pages = pdfRows.compactMap(\.pages).reduce(0, +)
                        let pdfSeconds = pdfRows.map(\.seconds).reduce(0, +)
                        let recalls = pdfRows.compactMap(\.recall)
                        let times = documents.map(\.seconds).sorted()
                        return Report(
                            documents: documents,
                            documentPagesPerMinute: pdfSeconds > 0 ? Double(pages) / pdfSeconds * 60 : 0,
                            documentP50Seconds: Self.percentile(times, 0.5), documentP95Seconds: Self.percentile(times, 0.95),
                            pdfRecallTextLayer: recalls.isEmpty ? nil : recalls.min(),
                            tenPagePDFSeconds: tenPage, tenPagePDFP50Seconds: tenPage.isEmpty ? nil : Self.percentile(tenPage.sorted(), 0.5),
                            tenPagePDFPagesPerMinute: tenPage.isEmpty ? nil : Double(10 * tenPage.count) / tenPage.reduce(0, +) * 60,
                            videos: videos)
                    }
                    var result: Report?
                    while let next = try await group.next() {
                        if let report = next { result = report; group.cancelAll() }
                    }
                    guard let result else { throw LoreError(.internalError, "the benchmark produced no report") }
                    return result
                }
            }
            print(Self.render(report))
            if let json { try writeJSON(report, to: json) }
        }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func render(_ report: Report) -> String {
        var documents = TextTable(["file", "pages", "seconds", "chunks", "tables", "recall", "status"])
        for row in report.documents {
            documents.add([row.file, row.pages.map(String.init) ?? "-", row.seconds.formatted(decimals: 2), String(row.chunks),
                           String(row.tables), row.recall.map { $0.formatted(decimals: 3) } ?? "-", row.status])
        }
        var videos = TextTable(["video", "length s", "indexed in s", "chunks", "frames", "segments", "WER", "boundaries ±0.5 s", "screen spans ±1 s, CER ≤ 5 %", "mean CER"])
        for video in report.videos {
            videos.add([video.file, video.durationSeconds.formatted(decimals: 1), video.seconds.formatted(decimals: 1), String(video.chunks),
                        String(video.frames), String(video.transcriptSegments), video.wer.map { ($0 * 100).formatted(decimals: 1) + " %" } ?? "-",
                        video.boundaryTotal.map { "\(video.boundaryMatches ?? 0)/\($0)" } ?? "-",
                        video.spansTotal.map { "\(video.spansFound ?? 0)/\($0)" } ?? "-",
                        video.meanSpanCER.map { ($0 * 100).formatted(decimals: 2) + " %" } ?? "-"])
        }
        let tenPage = report.tenPagePDFP50Seconds.map { "p50 \($0.formatted(decimals: 2)) s over \(report.tenPagePDFSeconds.count) runs, "
            + "\((report.tenPagePDFPagesPerMinute ?? 0).formatted(decimals: 0)) pages/min" } ?? "not run"
        return """
            Documents (upload → searchable, one at a time):
            \(documents.render())
            PDF pages/min \(report.documentPagesPerMinute.formatted(decimals: 0)); per file p50 \(report.documentP50Seconds.formatted(decimals: 2)) s, \
            p95 \(report.documentP95Seconds.formatted(decimals: 2)) s; lowest PDF text recall \(report.pdfRecallTextLayer.map { $0.formatted(decimals: 3) } ?? "-")

            10-page PDFs fully indexed (incl. embeddings): \(tenPage)

            Videos (upload → searchable):
            \(videos.render())
            """
    }
}
