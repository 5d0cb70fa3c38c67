import Foundation
import LoreApp
import LoreCore
import LoreSearch

/// What `ingest`, `media` and `search` do inside one organisation, on the local database
/// (`LocalBackend`) or on a Lore server over its API (`RemoteBackend`). Commands render the
/// results the same way whichever answered.
protocol LoreBackend: Sendable {
    /// The organisation acted in.
    var organisationSlug: String { get }
    /// Stores one file (with its sidecar transcript); the file's own failures are an outcome.
    /// Throws only when going on with other files is pointless (server unreachable, bad key).
    func ingest(_ item: FileIngest.Item, tags: [String]) async throws -> IngestOutcome
    /// Until each item is ready, partial or failed; `onUpdate` sees every poll.
    func waitUntilProcessed(_ ids: [MediaID], concurrency: Int,
                            onUpdate: @escaping @Sendable ([MediaDetailView]) async -> Void) async throws -> [MediaDetailView]
    func list(limit: Int) async throws -> [MediaSummary]
    func detail(_ id: MediaID) async throws -> MediaDetailView
    func delete(_ id: MediaID) async throws
    func search(_ request: SearchRequest) async throws -> SearchResponse
}

enum IngestOutcome: Sendable {
    case stored(MediaSummary)
    case duplicate(MediaSummary)
    case rejected(LoreError)
}

extension GlobalOptions {
    /// Runs `body` against the server named by `LORE_URL`/`LORE_API_KEY` when they are set,
    /// otherwise against the local data directory's database.
    func withBackend<T: Sendable>(_ organisation: OrgSelection, _ body: @escaping @Sendable (any LoreBackend) async throws -> T) async throws -> T {
        if let target = try RemoteTarget.fromEnvironment() {
            if dataDirectory != nil {
                throw LoreError(.invalidArgument, "--data-dir is for the local database; unset \(RemoteTarget.urlVariable) and \(RemoteTarget.keyVariable) to use it")
            }
            let backend = try await RemoteBackend.open(target, expectedOrg: organisation.org)
            return try await body(backend)
        }
        return try await withRuntime { runtime in
            let (caller, org) = try await organisation.caller(runtime)
            return try await body(LocalBackend(runtime: runtime, caller: caller, organisationSlug: org.slug))
        }
    }
}
