import Foundation
import LoreCore

/// What `lore ingest` says about each file (progress lines on stderr, `--json` on stdout), the
/// same whether the files went into the local database or to a server.
struct IngestReport: Encodable, Sendable {
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

    var name: String { (path as NSString).lastPathComponent }
    var failed: Bool { outcome == "rejected" || status == "failed" || status == "partial" }

    init(path: String, outcome: IngestOutcome) {
        self.path = path
        switch outcome {
        case .stored(let media), .duplicate(let media):
            self.outcome = if case .stored = outcome { "stored" } else { "duplicate" }
            (mediaID, status, error, code, chunks) = (media.id, media.status, nil, nil, nil)
        case .rejected(let failure):
            self.outcome = "rejected"
            (mediaID, status, error, code, chunks) = (nil, nil, failure.message, failure.code.rawValue, nil)
        }
    }

    /// A stored item after processing: its final status, chunks and the failed stages' reasons.
    init(path: String, processed detail: MediaDetailView) {
        let failed = detail.stages.filter { $0.status == "failed" }
        self.path = path
        outcome = "stored"
        mediaID = detail.media.id
        status = detail.media.status
        error = failed.isEmpty ? nil : failed.map { "\($0.stage): \($0.errorMessage ?? "failed")" }.joined(separator: "; ")
        code = failed.first?.errorCode
        chunks = detail.chunkCount
    }

    /// The progress line of one file as it is stored.
    static func line(index: Int, of total: Int, _ report: IngestReport, outcome: IngestOutcome) -> String {
        let prefix = "  [\(index + 1)/\(total)] \(report.name): "
        switch outcome {
        case .stored(let media): return prefix + "stored as \(media.kind) (\(media.id))"
        case .duplicate(let media): return prefix + "already stored (\(media.id)), not processed again"
        case .rejected(let error): return prefix + "rejected — \(error.code.rawValue): \(error.message)"
        }
    }

    /// "ready (document done), 3 chunks" for a progress line while waiting.
    static func describe(_ detail: MediaDetailView) -> String {
        let stages = detail.stages.map { "\($0.stage) \($0.status)" }.joined(separator: ", ")
        let chunks = detail.chunkCount
        return detail.media.status + (stages.isEmpty ? "" : " (\(stages))") + (chunks > 0 ? ", \(chunks) chunks" : "")
    }

    /// The closing lines: counts, then each failure with its reason.
    static func summary(_ reports: [IngestReport], waited: Bool) -> [String] {
        let count = { (outcome: String) in reports.filter { $0.outcome == outcome }.count }
        let ready = reports.filter { $0.status == "ready" }.count
        return ["Done: \(count("stored")) stored, \(count("duplicate")) duplicate(s), \(count("rejected")) rejected" + (waited ? ", \(ready) ready" : "")]
            + reports.filter(\.failed).map { "  ✗ \($0.name): \($0.code ?? $0.status ?? "failed") — \($0.error ?? "")" }
    }
}
