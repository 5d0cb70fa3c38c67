import Foundation

/// Restrictions on which chunks a search may return (always inside the caller's organisation).
public struct SearchFilters: Sendable, Equatable, Codable {
    public var kinds: [MediaKind]
    public var sources: [MediaSource]
    public var contentKinds: [ChunkKind]
    public var mediaIDs: [MediaID]
    public var speakers: [String]
    public var languages: [String]
    public var tags: [String]
    /// Media created (uploaded or recorded) at or after this time.
    public var from: Date?
    /// … and before this time.
    public var to: Date?

    public init(kinds: [MediaKind] = [], sources: [MediaSource] = [], contentKinds: [ChunkKind] = [], mediaIDs: [MediaID] = [],
                speakers: [String] = [], languages: [String] = [], tags: [String] = [], from: Date? = nil, to: Date? = nil) {
        self.kinds = kinds
        self.sources = sources
        self.contentKinds = contentKinds
        self.mediaIDs = mediaIDs
        self.speakers = speakers
        self.languages = languages
        self.tags = tags
        self.from = from
        self.to = to
    }

    public var isEmpty: Bool { self == SearchFilters() }

    /// True when a filter needs the media row (kind, source, tags, dates).
    public var needsMedia: Bool { !kinds.isEmpty || !sources.isEmpty || !tags.isEmpty || from != nil || to != nil }
}
