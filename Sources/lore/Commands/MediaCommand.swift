import ArgumentParser
import Foundation
import LoreApp
import LoreCore
import LoreDatabase

/// `lore media list|show|delete`.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "List, inspect and delete an organisation's media items.",
        subcommands: [List.self, Show.self, Delete.self])

    static func id(_ text: String) throws -> MediaID {
        guard let id = MediaID(text) else { throw LoreError(.invalidArgument, "\(text) is not a media id") }
        return id
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List media items, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgSelection
        @Option(help: "How many (1–200).") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let id: String, title: String, kind: String, status: String, sizeBytes: Int64, createdAt: Date
            enum CodingKeys: String, CodingKey {
                case id, title, kind, status
                case sizeBytes = "size_bytes"
                case createdAt = "created_at"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let (organisation, limit) = (self.organisation, self.limit)
                let page = try await global.withRuntime { runtime in
                    let (caller, _) = try await organisation.caller(runtime)
                    return try await runtime.media.list(caller: caller, limit: limit, cursor: nil)
                }
                let rows = page.items.map { Row(id: $0.id.description, title: $0.title, kind: $0.kind.rawValue, status: $0.status.rawValue,
                                                sizeBytes: $0.sizeBytes, createdAt: $0.createdAt) }
                if json { print(try jsonText(rows)); return }
                guard !rows.isEmpty else { print("No media yet: `lore ingest PATH`."); return }
                print(TextTable.render([["title", "kind", "status", "size", "id"]] + rows.map {
                    [String($0.title.prefix(48)), $0.kind, $0.status, ByteCountFormatter.string(fromByteCount: $0.sizeBytes, countStyle: .file), $0.id]
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a media item with its processing stages, timings and errors.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgSelection
        @Flag(help: "Print JSON.") var json = false
        @Argument(help: "Media id.") var id: String

        struct Output: Encodable {
            let id: String, title: String, kind: String, status: String, contentType: String?, durationSeconds: Double?, language: String?
            let stages: [Stage]
            let chunks: [String: Int]
            let frames: Int
            let duplicates: [String]
            struct Stage: Encodable {
                let stage: String, status: String, attempts: Int, durationMs: Double?, errorCode: String?, errorMessage: String?
                enum CodingKeys: String, CodingKey {
                    case stage, status, attempts
                    case durationMs = "duration_ms"
                    case errorCode = "error_code"
                    case errorMessage = "error_message"
                }
            }
            enum CodingKeys: String, CodingKey {
                case id, title, kind, status, language, stages, chunks, frames, duplicates
                case contentType = "content_type"
                case durationSeconds = "duration_seconds"
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let mediaID = try MediaCommand.id(id)
                let organisation = self.organisation
                let detail = try await global.withRuntime { runtime in
                    let (caller, _) = try await organisation.caller(runtime)
                    return try await runtime.media.detail(caller: caller, id: mediaID)
                }
                let m = detail.media
                let output = Output(
                    id: m.id.description, title: m.title, kind: m.kind.rawValue, status: m.status.rawValue, contentType: m.contentType,
                    durationSeconds: m.durationSeconds, language: m.language,
                    stages: detail.stages.map { .init(stage: $0.stage, status: $0.status, attempts: $0.attempts, durationMs: $0.durationMs,
                                                      errorCode: $0.errorCode, errorMessage: $0.errorMessage) },
                    chunks: detail.chunks, frames: detail.frames, duplicates: detail.duplicates.map(\.description))
                if json { print(try jsonText(output)); return }
                print("\(m.title)  [\(m.kind.rawValue), \(m.contentType ?? "?")]  \(m.status.rawValue)")
                print("id \(m.id)" + (m.durationSeconds.map { String(format: ", %.1f s", $0) } ?? "") + (m.language.map { ", language \($0)" } ?? ""))
                if !detail.stages.isEmpty {
                    var rows = [["stage", "status", "attempts", "ms", "error"]]
                    for stage in detail.stages {
                        let duration = stage.durationMs.map { String(Int($0)) } ?? "-"
                        let error = stage.errorCode.map { "\($0): \(stage.errorMessage ?? "")" } ?? ""
                        rows.append([stage.stage, stage.status, String(stage.attempts), duration, error])
                    }
                    print(TextTable.render(rows))
                }
                print("chunks: " + (detail.chunks.isEmpty ? "none" : detail.chunks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                      + (detail.frames > 0 ? "; key frames: \(detail.frames)" : "")
                      + (detail.duplicates.isEmpty ? "" : "; near-duplicates: \(detail.duplicates.map(\.description).joined(separator: ", "))"))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a media item with its chunks, frames and files.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgSelection
        @Argument(help: "Media id.") var id: String

        func run() async throws {
            try await reportingLoreErrors {
                let mediaID = try MediaCommand.id(id)
                let organisation = self.organisation
                try await global.withRuntime { runtime in
                    let (caller, _) = try await organisation.caller(runtime)
                    try await runtime.media.delete(caller: caller, id: mediaID)
                }
                print("Deleted \(mediaID).")
            }
        }
    }
}
