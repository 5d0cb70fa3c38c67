import ArgumentParser
import Foundation
import LoreCore
import LoreInference
import LoreMedia
import LoreSystem

/// `lore bench documents`: parse speed and text recall on the real documents of the data folder.
struct BenchDocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "Document benchmark: pages/min, per-file parse time, text recall and tables on real files.",
        discussion: """
            Parses every file in documents/{pdf,docx,pptx} under --data (or --data itself) \
            through validation and the document parser (one process, OCR engine loaded), --repeat \
            times; the median time counts. Recall = fraction of the reference's word tokens found \
            in the output (multiset; both sides NFKC, case-folded, punctuation removed) against \
            documents/reference_text/<file>.txt, whose "--- slide N ---" separator lines are \
            removed first. Goals: recall ≥ 0.98 for PDFs with a text layer; ≥ 300 PDF pages/min. \
            A 10-page PDF made with pdfunite from the set's text-layer PDFs is timed too (parse \
            only: embedding is measured by the ingest pipeline).
            """
    )

    @Option(help: "The data folder (containing documents/), or its documents folder.")
    var data: String

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Option(name: .customLong("repeat"), help: "Timed runs per file (median reported).")
    var repetitions = 3

    @Flag(name: .customLong("no-ocr"), help: "Run without an OCR engine.")
    var noOCR = false

    struct Row: Codable {
        var file: String
        var format: String
        var pages: Int?
        var medianMilliseconds: Double
        var coldMilliseconds: Double
        var blocks: Int
        var tables: Int
        var tableShapes: [String]
        var images: Int
        var ocrPages: Int
        var recall: Double?
        var referenceWords: Int?
        var recallGoal: Double?
        var passed: Bool?
    }

    struct Report: Codable {
        var benchmark = "documents"
        var dataset: String
        var popplerVersion: String
        var recallDefinition = "multiset word recall; NFKC, case-folded, punctuation and symbols removed; reference '--- slide N ---' lines dropped"
        var rows: [Row]
        var pdfPages: Int
        var pdfSeconds: Double
        var pdfPagesPerMinute: Double
        var allPagesPerMinute: Double
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var tenPagePDFp50Milliseconds: Double?
        var goals: [String: Bool]
    }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() async throws {
        try await reportingLoreErrors {
            let folder = try Self.documentsFolder(data)
            let ocr: (any OCREngine)? = noOCR ? nil : documentOCREngine()
            let parser = DocumentParser(context: DocumentParsingContext(ocr: ocr))
            let validator = MediaValidator()
            var rows: [Row] = []
            for path in try Self.files(in: folder) {
                rows.append(try await measure(path, folder: folder, parser: parser, validator: validator))
            }
            let tenPage = try await tenPagePDF(folder: folder, rows: rows, parser: parser, validator: validator)
            let report = Self.report(folder: folder, rows: rows, tenPage: tenPage, poppler: await Self.popplerVersion())
            print(Self.table(report))
            if let json { try writeJSON(report, to: json) }
        }
    }

    private func measure(_ path: String, folder: String, parser: DocumentParser, validator: MediaValidator) async throws -> Row {
        let name = (path as NSString).lastPathComponent
        var times: [Double] = []
        var document: ParsedDocument?
        for _ in 0..<(repetitions + 1) {
            let started = ContinuousClock.now
            document = try await parser.parse(try await validator.validate(fileAt: path))
            times.append(milliseconds(ContinuousClock.now - started))
        }
        guard let document else { throw LoreError(.internalError, "no result for \(name)") }
        let warm = Array(times.dropFirst()).sorted()
        var row = Row(file: name, format: document.format.rawValue, pages: document.pageCount, medianMilliseconds: warm[warm.count / 2],
                      coldMilliseconds: times[0], blocks: document.blocks.count, tables: document.tables.count,
                      tableShapes: document.tables.map { "\($0.rows.count)×\($0.columnCount)" }, images: document.images.count,
                      ocrPages: document.ocrPages.count)
        let referencePath = ((folder as NSString).appendingPathComponent("reference_text") as NSString).appendingPathComponent(name + ".txt")
        if let reference = try? String(contentsOfFile: referencePath, encoding: .utf8) {
            let cleaned = reference.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0.wholeMatch(of: /\s*---\s*slide\s+\d+\s*---\s*/) == nil }.joined(separator: "\n")
            let recall = TextRecall.measure(output: document.text, reference: cleaned)
            row.recall = recall.recall
            row.referenceWords = recall.referenceTokens
            if document.format == .pdf, document.ocrPages.isEmpty, recall.referenceTokens > 0 {
                row.recallGoal = 0.98
                row.passed = recall.recall >= 0.98
            }
        }
        return row
    }

    /// A 10-page PDF of real pages: the set's text-layer PDFs joined with pdfunite (first 10 pages).
    private func tenPagePDF(folder: String, rows: [Row], parser: DocumentParser, validator: MediaValidator) async throws -> Double? {
        let pdfs = rows.filter { $0.format == "pdf" && $0.ocrPages == 0 }.map { ((folder as NSString).appendingPathComponent("pdf") as NSString).appendingPathComponent($0.file) }
        guard rows.filter({ $0.format == "pdf" }).compactMap(\.pages).reduce(0, +) >= 10, !pdfs.isEmpty else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lore-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let joined = scratch.appendingPathComponent("joined.pdf").path
        let ten = scratch.appendingPathComponent("ten.pdf").path
        guard try await ProcessRunner.run("pdfunite", pdfs + [joined]).succeeded,
              try await ProcessRunner.run("pdfseparate", ["-f", "1", "-l", "10", joined, scratch.appendingPathComponent("page-%d.pdf").path]).succeeded,
              try await ProcessRunner.run("pdfunite", (1...10).map { scratch.appendingPathComponent("page-\($0).pdf").path } + [ten]).succeeded
        else { return nil }
        var times: [Double] = []
        for _ in 0..<max(5, repetitions) {
            let started = ContinuousClock.now
            let document = try await parser.parse(try await validator.validate(fileAt: ten))
            times.append(milliseconds(ContinuousClock.now - started))
            guard document.pageCount == 10 else { return nil }
        }
        return times.sorted()[times.count / 2]
    }

    static func report(folder: String, rows: [Row], tenPage: Double?, poppler: String) -> Report {
        let pdfRows = rows.filter { $0.format == "pdf" }
        let pdfPages = pdfRows.compactMap(\.pages).reduce(0, +)
        let pdfSeconds = pdfRows.map(\.medianMilliseconds).reduce(0, +) / 1000
        let allPages = rows.map { $0.pages ?? 1 }.reduce(0, +)
        let allSeconds = rows.map(\.medianMilliseconds).reduce(0, +) / 1000
        let sorted = rows.map(\.medianMilliseconds).sorted()
        func quantile(_ q: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))]
        }
        let pagesPerMinute = pdfSeconds > 0 ? Double(pdfPages) / pdfSeconds * 60 : 0
        var goals = ["pdf_recall_at_least_0.98": pdfRows.allSatisfy { $0.passed ?? true }, "pdf_pages_per_minute_at_least_300": pagesPerMinute >= 300]
        if let tenPage { goals["ten_page_pdf_parse_p50_at_most_2000_ms"] = tenPage <= 2000 }
        return Report(dataset: folder, popplerVersion: poppler, rows: rows, pdfPages: pdfPages, pdfSeconds: pdfSeconds,
                      pdfPagesPerMinute: pagesPerMinute, allPagesPerMinute: allSeconds > 0 ? Double(allPages) / allSeconds * 60 : 0,
                      p50Milliseconds: quantile(0.5), p95Milliseconds: quantile(0.95), tenPagePDFp50Milliseconds: tenPage, goals: goals)
    }

    static func table(_ report: Report) -> String {
        var rows = [["file", "format", "pages", "ms (median)", "ms (cold)", "recall", "ref words", "tables", "images", "OCR pages", "goal"]]
        for row in report.rows {
            rows.append([row.file, row.format, row.pages.map(String.init) ?? "-", String(format: "%.1f", row.medianMilliseconds),
                         String(format: "%.1f", row.coldMilliseconds), row.recall.map { String(format: "%.3f", $0) } ?? "-",
                         row.referenceWords.map(String.init) ?? "-",
                         row.tables == 0 ? "0" : "\(row.tables) (\(row.tableShapes.prefix(3).joined(separator: ", "))\(row.tableShapes.count > 3 ? ", …" : ""))",
                         String(row.images), String(row.ocrPages),
                         row.passed.map { $0 ? "recall ≥ 0.98 yes" : "recall ≥ 0.98 NO" } ?? "-"])
        }
        var text = "Document benchmark — poppler \(report.popplerVersion), \(report.dataset)\n" + TextTable.render(rows)
        text += "\n\nPDF: \(report.pdfPages) pages in \(String(format: "%.2f", report.pdfSeconds)) s = \(String(format: "%.0f", report.pdfPagesPerMinute)) pages/min (goal ≥ 300)"
        text += "\nall files: \(String(format: "%.0f", report.allPagesPerMinute)) pages/min (a DOCX counts as 1 page); per file p50 \(String(format: "%.1f", report.p50Milliseconds)) ms, p95 \(String(format: "%.1f", report.p95Milliseconds)) ms"
        if let ten = report.tenPagePDFp50Milliseconds {
            text += "\n10-page PDF (pdfunite of the set's pages), parse p50: \(String(format: "%.0f", ten)) ms (goal for full indexing incl. embeddings ≤ 2000 ms)"
        }
        text += "\ngoals: " + report.goals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value ? "yes" : "NO")" }.joined(separator: ", ")
        return text
    }

    static func documentsFolder(_ data: String) throws -> String {
        let nested = (data as NSString).appendingPathComponent("documents")
        for candidate in [nested, data] where FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("reference_text")) {
            return candidate
        }
        throw LoreError(.notFound, "no documents/reference_text in \(data)")
    }

    static func files(in folder: String) throws -> [String] {
        var files: [String] = []
        for sub in ["pdf", "docx", "pptx"] {
            let dir = (folder as NSString).appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            files += names.filter { !$0.hasPrefix("LICENSE") && !$0.hasPrefix(".") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
        }
        return files
    }

    static func popplerVersion() async -> String {
        guard let output = try? await ProcessRunner.run("pdftotext", ["-v"]) else { return "unknown" }
        let text = output.standardError + output.standardOutputText
        return text.firstMatch(of: /version ([0-9.]+)/).map { String($0.1) } ?? "unknown"
    }
}
