import Foundation
import LoreCore
import LoreDatabase

/// Follows media items until each is searchable or has failed.
public struct MediaWaiter: Sendable {
    let media: MediaService

    public init(media: MediaService) { self.media = media }

    public static let terminal: Set<MediaStatus> = [.ready, .partial, .failed]

    /// Polls `ids` every `interval`, reporting each change, until all are terminal or `timeout` passes.
    public func wait(caller: Caller, ids: [MediaID], interval: Duration = .milliseconds(500), timeout: Duration = .seconds(6 * 3600),
                     onUpdate: @Sendable ([MediaDetail]) async -> Void) async throws -> [MediaDetail] {
        let deadline = ContinuousClock.now + timeout
        while true {
            var details: [MediaDetail] = []
            for id in ids { details.append(try await media.detail(caller: caller, id: id)) }
            await onUpdate(details)
            if details.allSatisfy({ Self.terminal.contains($0.media.status) }) { return details }
            guard ContinuousClock.now < deadline else {
                throw LoreError(.timeout, "processing did not finish within \(timeout)")
            }
            try await Task.sleep(for: interval)
        }
    }
}
