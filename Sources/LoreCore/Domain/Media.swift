/// What a media item is, decided from its content (never from its name).
public enum MediaKind: String, Sendable, Codable, CaseIterable {
    case unknown, video, audio, image, document
}

/// Where a media item is in its life.
public enum MediaStatus: String, Sendable, Codable, CaseIterable {
    /// Stored, not yet queued for processing.
    case uploaded
    case queued
    case processing
    /// Every stage succeeded: fully searchable.
    case ready
    /// Some stages failed; what succeeded is searchable.
    case partial
    case failed
}

/// How a media item reached Lore.
public enum MediaSource: String, Sendable, Codable, CaseIterable {
    case upload, `import`, zoom, teams
}

/// Storage temperature of a media item's original file.
public enum StorageTier: String, Sendable, Codable, CaseIterable {
    case hot, warm, cold, archive
}
