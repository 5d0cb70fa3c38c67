import Foundation
import LoreApp
import LoreCore
import LoreSearch

/// The commands over a Lore server's HTTP API, in the organisation of `LORE_API_KEY`. The
/// server's workers (`lore dev`, or `lore serve` with `lore worker`) do the processing.
struct RemoteBackend: LoreBackend {
    let client: LoreRemoteClient
    let organisationSlug: String
    /// Between two looks at the items being processed.
    var pollInterval: Duration = .seconds(1)
    var waitTimeout: Duration = .seconds(6 * 3600)

    /// Checks the key (and `--org`, when given, against the key's organisation).
    static func open(_ target: RemoteTarget, expectedOrg: String?) async throws -> RemoteBackend {
        let client = LoreRemoteClient(target: target)
        let org = try await client.get("/v1/org", as: RemoteOrganization.self).organization
        if let expectedOrg, expectedOrg != org.slug {
            throw LoreError(.invalidArgument, "--org \(expectedOrg) does not match \(RemoteTarget.keyVariable), which belongs to the organisation \"\(org.slug)\"; "
                            + "leave out --org or use a key of \(expectedOrg)")
        }
        return RemoteBackend(client: client, organisationSlug: org.slug)
    }

    func ingest(_ item: FileIngest.Item, tags: [String]) async throws -> IngestOutcome {
        var query = [("filename", (item.path as NSString).lastPathComponent)]
        if !tags.isEmpty { query.append(("tags", tags.joined(separator: ","))) }
        let stream = item.sidecar.map { UploadStream.multipart(file: item.path, transcript: $0) } ?? .raw(item.path)
        do {
            let result = try await client.upload("/v1/media", query: query, stream: stream, as: RemoteUploadResult.self)
            return result.duplicate ? .duplicate(result.media) : .stored(result.media)
        } catch let error as LoreError where Self.abortsIngest(error) {
            throw error
        } catch let error as LoreError {
            return .rejected(error)
        }
    }

    /// Failures no other file would escape: the server, the key or the answers themselves.
    static func abortsIngest(_ error: LoreError) -> Bool {
        [.unauthenticated, .forbidden, .unavailable, .upstream, .rateLimited].contains(error.code.category)
            || error.code == .serverUnreachable || error.code == .configuration
    }

    func waitUntilProcessed(_ ids: [MediaID], concurrency: Int,
                            onUpdate: @escaping @Sendable ([MediaDetailView]) async -> Void) async throws -> [MediaDetailView] {
        let deadline = ContinuousClock.now + waitTimeout
        while true {
            var details: [MediaDetailView] = []
            for id in ids { details.append(try await detail(id)) }
            await onUpdate(details)
            if details.allSatisfy(\.isFinished) { return details }
            guard ContinuousClock.now < deadline else { throw LoreError(.timeout, "processing did not finish within \(waitTimeout)") }
            try await Task.sleep(for: pollInterval)
        }
    }

    func list(limit: Int) async throws -> [MediaSummary] {
        try await client.get("/v1/media", query: [("limit", String(limit))], as: RemoteMediaPage.self).items
    }

    func detail(_ id: MediaID) async throws -> MediaDetailView {
        try await client.get("/v1/media/\(id)", as: MediaDetailView.self)
    }

    func delete(_ id: MediaID) async throws {
        try await client.delete("/v1/media/\(id)")
    }

    func search(_ request: SearchRequest) async throws -> SearchResponse {
        try await client.post("/v1/search", json: RemoteSearchBody(request: request), as: SearchResponse.self)
    }
}
