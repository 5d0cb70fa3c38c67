import Foundation
import LoreApp
import LoreCore
import LoreJobs
import LoreSearch

/// The commands on the local database, as the organisation's owner (an operator on this machine).
struct LocalBackend: LoreBackend {
    let runtime: LoreRuntime
    let caller: Caller
    let organisationSlug: String

    func ingest(_ item: FileIngest.Item, tags: [String]) async throws -> IngestOutcome {
        switch await FileIngest(media: runtime.media).ingest(item, caller: caller, tags: tags) {
        case .stored(let media): return .stored(MediaSummary(media))
        case .duplicate(let media): return .duplicate(MediaSummary(media))
        case .rejected(let error): return .rejected(error)
        }
    }

    /// Runs a worker pool (and rescuer) in this process, beside any running `lore worker`, until
    /// the items are processed.
    func waitUntilProcessed(_ ids: [MediaID], concurrency: Int,
                            onUpdate: @escaping @Sendable ([MediaDetailView]) async -> Void) async throws -> [MediaDetailView] {
        var logger = runtime.logger
        logger.logLevel = .warning
        let pool = WorkerPool(database: runtime.database, registry: runtime.jobRegistry,
                              configuration: WorkerConfiguration(concurrency: concurrency), logger: logger)
        let rescuer = Rescuer(database: runtime.database, registry: runtime.jobRegistry, logger: logger)
        let (runtime, caller) = (self.runtime, self.caller)
        return try await withThrowingTaskGroup(of: [MediaDetailView]?.self) { group in
            group.addTask { try await pool.run(); return nil }
            group.addTask { try await rescuer.run(); return nil }
            group.addTask {
                try await MediaWaiter(media: runtime.media).wait(caller: caller, ids: ids) { details in
                    await onUpdate(details.map(MediaDetailView.init))
                }.map(MediaDetailView.init)
            }
            var result: [MediaDetailView] = []
            while let next = try await group.next() {
                if let details = next {
                    result = details
                    group.cancelAll()
                }
            }
            return result
        }
    }

    func list(limit: Int) async throws -> [MediaSummary] {
        try await runtime.media.list(caller: caller, limit: limit, cursor: nil).items.map(MediaSummary.init)
    }

    func detail(_ id: MediaID) async throws -> MediaDetailView {
        MediaDetailView(try await runtime.media.detail(caller: caller, id: id))
    }

    func delete(_ id: MediaID) async throws {
        try await runtime.media.delete(caller: caller, id: id)
    }

    func search(_ request: SearchRequest) async throws -> SearchResponse {
        try caller.require(.viewer)
        return try await runtime.search.search(org: caller.org, request)
    }
}
