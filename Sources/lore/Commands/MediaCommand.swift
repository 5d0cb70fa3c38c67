import ArgumentParser
import Foundation
import LoreCore

/// `lore media list|show|delete`.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "List, inspect and delete an organisation's media items.",
        discussion: RemoteTarget.help,
        subcommands: [List.self, Show.self, Delete.self])

    static func id(_ text: String) throws -> MediaID {
        guard let id = MediaID(text) else { throw LoreError(.invalidArgument, "\(text) is not a media id") }
        return id
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List media items, newest first.", discussion: RemoteTarget.help)
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
                let limit = self.limit
                let items = try await global.withBackend(organisation) { try await $0.list(limit: limit) }
                let rows = items.map { Row(id: $0.id, title: $0.title, kind: $0.kind, status: $0.status, sizeBytes: $0.sizeBytes, createdAt: $0.createdAt) }
                if json { print(try jsonText(rows)); return }
                guard !rows.isEmpty else { print("No media yet: `lore ingest PATH`."); return }
                print(TextTable.render([["title", "kind", "status", "size", "id"]] + rows.map {
                    [String($0.title.prefix(48)), $0.kind, $0.status, ByteCountFormatter.string(fromByteCount: $0.sizeBytes, countStyle: .file), $0.id]
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a media item with its processing stages, timings and errors.",
                                                        discussion: RemoteTarget.help)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgSelection
        @Flag(help: "Print JSON.") var json = false
        @Argument(help: "Media id.") var id: String

        struct Output: Encodable {
            let id: String, title: String, kind: String, status: String, contentType: String?, durationSeconds: Double?, language: String?
            let stages: [MediaDetailView.Stage]
            let chunks: [String: Int]
            let frames: Int
            let duplicates: [String]
            enum CodingKeys: String, CodingKey {
                case id, title, kind, status, language, stages, chunks, frames, duplicates
                case contentType = "content_type"
                case durationSeconds = "duration_seconds"
            }

            init(_ detail: MediaDetailView) {
                let m = detail.media
                (id, title, kind, status, contentType, durationSeconds, language) = (m.id, m.title, m.kind, m.status, m.contentType, m.durationSeconds, m.language)
                (stages, chunks, frames, duplicates) = (detail.stages, detail.chunks, detail.frames, detail.duplicates)
            }
        }

        func run() async throws {
            try await reportingLoreErrors {
                let mediaID = try MediaCommand.id(id)
                let detail = try await global.withBackend(organisation) { try await $0.detail(mediaID) }
                if json { print(try jsonText(Output(detail))); return }
                let m = detail.media
                print("\(m.title)  [\(m.kind), \(m.contentType ?? "?")]  \(m.status)")
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
                      + (detail.duplicates.isEmpty ? "" : "; near-duplicates: \(detail.duplicates.joined(separator: ", "))"))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a media item with its chunks, frames and files.",
                                                        discussion: RemoteTarget.help)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var organisation: OrgSelection
        @Argument(help: "Media id.") var id: String

        func run() async throws {
            try await reportingLoreErrors {
                let mediaID = try MediaCommand.id(id)
                try await global.withBackend(organisation) { try await $0.delete(mediaID) }
                print("Deleted \(mediaID).")
            }
        }
    }
}
