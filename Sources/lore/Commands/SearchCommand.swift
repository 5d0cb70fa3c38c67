import ArgumentParser
import Foundation
import LoreCore
import LoreSearch

/// `lore search QUERY`.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an organisation's recordings, documents and images.",
        discussion: """
            Prints each hit with its title, where it is (time code or page) and a snippet; --json prints the API's response.

            \(RemoteTarget.help)
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var organisation: OrgSelection
    @Option(help: "vector, keyword or hybrid.") var mode: String = "hybrid"
    @Option(help: "Number of results (1–100).") var limit = 10
    @Option(help: "Only these media kinds (comma-separated: video, audio, image, document).") var kinds: String?
    @Flag(help: "One result per media item, with its other hits beside it.") var group = false
    @Flag(help: "Re-order the top results with the server's re-ranking model (LORE_RERANK_BASE_URL); without one the order is kept.")
    var rerank = false
    @Flag(help: "Print JSON.") var json = false
    @Argument(help: "What to look for.") var query: String

    func run() async throws {
        try await reportingLoreErrors {
            guard let searchMode = SearchMode(rawValue: mode) else { throw LoreError(.invalidArgument, "--mode must be vector, keyword or hybrid") }
            var filters = SearchFilters()
            if let kinds {
                filters.kinds = try kinds.split(separator: ",").map {
                    guard let kind = MediaKind(rawValue: String($0)) else { throw LoreError(.invalidArgument, "unknown kind \($0)") }
                    return kind
                }
            }
            let request = SearchRequest(query: query, mode: searchMode, filters: filters, limit: limit, groupByMedia: group, rerank: rerank)
            let response = try await global.withBackend(organisation) { try await $0.search(request) }
            if json { print(try jsonText(response)); return }
            print(Self.render(response))
        }
    }

    static func render(_ response: SearchResponse) -> String {
        guard !response.hits.isEmpty else { return "No results for “\(response.query)”." }
        let reranked = response.reranker.map { ", re-ranked by \($0)" } ?? ""
        var lines = ["\(response.hits.count) result(s) for “\(response.query)” (\(response.mode.rawValue)\(reranked), \(String(format: "%.0f", response.tookMs)) ms)"]
        for (index, hit) in response.hits.enumerated() {
            lines.append("")
            lines.append("\(index + 1). \(hit.title)  [\(hit.mediaKind.rawValue)] \(where: hit.link)" + (hit.speakers.isEmpty ? "" : "  speakers \(hit.speakers.joined(separator: ", "))"))
            let snippet = hit.snippet.replacingOccurrences(of: "<mark>", with: "«").replacingOccurrences(of: "</mark>", with: "»")
                .replacingOccurrences(of: "\n", with: " ")
            lines.append("   " + String(snippet.prefix(300)))
            lines.append("   → \(hit.link.contentURL)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String.StringInterpolation {
    /// "at 01:23–01:41", "page 3", "frame at 00:12" for a deep link.
    mutating func appendInterpolation(where link: DeepLink) {
        func clock(_ seconds: Double) -> String {
            let total = Int(seconds.rounded(.down))
            return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%02d:%02d", total / 60, total % 60)
        }
        switch link.kind {
        case .time: appendLiteral("at \(clock(link.start ?? 0))–\(clock(link.end ?? link.start ?? 0))")
        case .page: appendLiteral("page \(link.page ?? 1)")
        case .frame: appendLiteral("frame at \(clock(link.frameTime ?? 0))")
        case .media: appendLiteral("")
        }
    }
}
